import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { fetchApiBinary } from '../../../../shared/n8n/binary-download';
import {
	binaryItem,
	outputBinaryFieldProperty,
	readOutputProperty,
	responseFile,
} from '../common/binary-output';
import { checkText } from '../../../../shared/n8n/text-check';
import { defineOperation, ItemsResult } from '../operation';

export const getSegmentThumbnail = defineOperation({
	value: 'getSegmentThumbnail',
	name: 'Get Segment Thumbnail',
	action: 'Download the thumbnail of a segment',
	description:
		'Download the thumbnail image of one segment (a time range of a media item) as a binary file',
	endpoints: ['videos.getSegmentThumbnail'],
	properties: [
		{
			displayName: 'Segment ID',
			name: 'segmentId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. seg_abc123',
			description: 'ID of the segment, as returned by List Segments or a search',
		},
		outputBinaryFieldProperty,
	],
	async execute(itemIndex, session) {
		const segmentId = checkText(
			this,
			itemIndex,
			this.getNodeParameter('segmentId', itemIndex, ''),
			'Segment ID',
			{ min: 1 },
		);
		const property = readOutputProperty(this, itemIndex);
		const request = endpointRequest('videos.getSegmentThumbnail', {
			params: { segment_id: segmentId },
			headers: { Accept: 'image/*' },
		});
		const file = responseFile(await fetchApiBinary(session, request), segmentId, 'image/jpeg');
		const json = { segment_id: segmentId, file_name: file.fileName, mime_type: file.mimeType };
		return new ItemsResult([await binaryItem(this, itemIndex, property, file, json)]);
	},
});
