import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readIdList } from '../common/id-list';

/** The Media IDs list of the batch operations; `max` is the endpoint's ceiling (contract §8). */
export function mediaIdsProperty(max: number, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Media IDs',
		name: 'videoIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'vid_1, vid_2',
		description: `IDs of the media items, separated by commas, spaces or new lines, or an array from an expression (1–${max})`,
		...(displayOptions ? { displayOptions } : {}),
	};
}

export function readMediaIds(context: IExecuteFunctions, itemIndex: number, max: number): string[] {
	return readIdList(context, itemIndex, context.getNodeParameter('videoIds', itemIndex, ''), 'Media IDs', {
		required: true,
		max,
	});
}
