import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readIdList } from '../../../../shared/n8n/id-list';
import { idMultiSelect } from './id-multi-select';

/**
 * The Media IDs field, of the batch operations and of a media scope (./media-scope.ts). `max` is the
 * endpoint's ceiling where it has one (docs/api/conventions.md#media); without it the API's own limit applies.
 */
export function mediaIdsProperty(
	max?: number,
	displayOptions?: INodeProperties['displayOptions'],
): INodeProperties {
	const range = max === undefined ? '' : `, 1–${max}`;
	return {
		...idMultiSelect({
			name: 'videoIds',
			noun: 'Media',
			method: 'getMediaChoices',
			description: `The media items${range}`,
			required: true,
			followsIndex: true,
		}),
		...(displayOptions ? { displayOptions } : {}),
	};
}

/** The IDs of the Media IDs field; refused before any request when empty or above `max`. */
export function readMediaIds(
	context: IExecuteFunctions,
	itemIndex: number,
	max?: number,
): string[] {
	return readIdList(
		context,
		itemIndex,
		context.getNodeParameter('videoIds', itemIndex, ''),
		'Media IDs',
		{
			required: true,
			max,
		},
	);
}
