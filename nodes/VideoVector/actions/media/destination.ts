import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkText } from '../../../../shared/n8n/text-check';
import { INDEX, locator, locatorValue } from '../common/locators';

/**
 * Where uploaded or imported media go on the `/workflow/*` surface (docs/api/conventions.md#workflow-surface): an existing index,
 * an index found (or created) by name, or the playground (no index at all).
 */
export function destinationProperties(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Destination',
			name: 'destination',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Existing Index',
					value: 'index',
					description: `Add the ${what} to an index picked from the list or by ID`,
				},
				{
					name: 'Index by Name',
					value: 'indexName',
					description: `Add the ${what} to the index with this name, creating the index if none has it`,
				},
				{
					name: 'Playground',
					value: 'playground',
					description: `Keep the ${what} outside any index, in the playground`,
				},
			],
			default: 'index',
		},
		locator(INDEX, {
			description: `The index that receives the ${what}`,
			displayOptions: { show: { destination: ['index'] } },
		}),
		{
			displayName: 'Index Name',
			name: 'indexName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Customer interviews',
			description:
				'Name of the index to add to; an index with this name is created when none exists (1–255 characters)',
			displayOptions: { show: { destination: ['indexName'] } },
		},
	];
}

/** The body fields naming the destination: `index_id`, `index_name`, or neither for the playground. */
export function readDestination(
	context: IExecuteFunctions,
	itemIndex: number,
): { index_id?: string; index_name?: string } {
	const destination = context.getNodeParameter('destination', itemIndex, 'index') as string;
	if (destination === 'index') return { index_id: locatorValue(context, INDEX, itemIndex) };
	if (destination === 'indexName') {
		const raw = context.getNodeParameter('indexName', itemIndex, '');
		return { index_name: checkText(context, itemIndex, raw, 'Index Name', { min: 1, max: 255 }) };
	}
	return {};
}
