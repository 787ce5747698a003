import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkText } from '../../../../shared/n8n/text-check';
import { locator, locatorValue, MEDIA, RUN } from '../common/locators';

/** Run + media + segment: the address of one segment in one run (retry and retry status). */
export const segmentAddressProperties: INodeProperties[] = [
	locator(RUN),
	locator(MEDIA),
	{
		displayName: 'Segment ID',
		name: 'segmentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. seg_abc123',
		description: 'The failed segment (see Get Failed Segments)',
	},
];

export function readSegmentAddress(
	context: IExecuteFunctions,
	itemIndex: number,
): { run_id: string; video_id: string; segment_id: string } {
	return {
		run_id: locatorValue(context, RUN, itemIndex),
		video_id: locatorValue(context, MEDIA, itemIndex),
		segment_id: checkText(
			context,
			itemIndex,
			context.getNodeParameter('segmentId', itemIndex, ''),
			'Segment ID',
			{ min: 1 },
		),
	};
}
