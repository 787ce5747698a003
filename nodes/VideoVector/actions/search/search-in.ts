import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { INDEX, locator, locatorValue } from '../common/locators';

/**
 * "Search In": an index (picked) or the playground (media kept outside any index). The API has one
 * endpoint for each; the node offers one operation with this choice, so the playground is not a
 * second set of search actions.
 */
export const searchInProperties: INodeProperties[] = [
	{
		displayName: 'Search In',
		name: 'searchIn',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Index', value: 'index', description: 'The media of an index' },
			{
				name: 'Playground',
				value: 'playground',
				description: 'Media uploaded without an index',
			},
		],
		default: 'index',
	},
	locator(INDEX, { displayOptions: { show: { searchIn: ['index'] } } }),
];

/** Only for the index: an Options entry hidden while Search In is Playground. */
export function indexOnly(option: INodeProperties): INodeProperties {
	return { ...option, displayOptions: { show: { '/searchIn': ['index'] } } };
}

/** The picked index's ID, or undefined for the playground. */
export function readSearchIn(context: IExecuteFunctions, itemIndex: number): string | undefined {
	if (context.getNodeParameter('searchIn', itemIndex, 'index') === 'playground') return undefined;
	return locatorValue(context, INDEX, itemIndex);
}
