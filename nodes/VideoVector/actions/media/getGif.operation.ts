import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { fetchApiBinary } from '../../../../shared/n8n/binary-download';
import {
	binaryItem,
	outputBinaryFieldProperty,
	readOutputProperty,
	responseFile,
} from '../common/binary-output';
import { locator, locatorValue, MEDIA } from '../common/locators';
import { defineOperation, ItemsResult } from '../operation';

export const getGif = defineOperation({
	value: 'getGif',
	name: 'Get Preview GIF',
	action: 'Download the preview GIF of a media item',
	description: 'Download the animated preview GIF of a media item as a binary file',
	endpoints: ['videos.getGif'],
	properties: [locator(MEDIA), outputBinaryFieldProperty],
	async execute(itemIndex, session) {
		const videoId = locatorValue(this, MEDIA, itemIndex);
		const property = readOutputProperty(this, itemIndex);
		const request = endpointRequest('videos.getGif', {
			params: { video_id: videoId },
			headers: { Accept: 'image/gif, image/*;q=0.8' },
		});
		const file = responseFile(await fetchApiBinary(session, request), videoId, 'image/gif');
		const json = { video_id: videoId, file_name: file.fileName, mime_type: file.mimeType };
		return new ItemsResult([await binaryItem(this, itemIndex, property, file, json)]);
	},
});
