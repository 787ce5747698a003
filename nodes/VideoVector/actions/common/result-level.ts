import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Segment or media-item results (`result_level`), offered by run results and workflow search (docs/api/conventions.md#workflow-surface). */
export const resultLevelProperty: INodeProperties = {
	displayName: 'Result Level',
	name: 'resultLevel',
	type: 'options',
	options: [
		{ name: 'Media Item', value: 'video', description: 'One result per media item' },
		{ name: 'Segment', value: 'segment', description: 'One result per segment' },
	],
	default: 'segment',
	description: 'Whether results are per segment or per media item',
};

export function readResultLevel(context: IExecuteFunctions, itemIndex: number): string {
	return context.getNodeParameter('resultLevel', itemIndex, 'segment') as string;
}
