import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { locator, locatorValue, MEDIA } from '../common/locators';
import { defineOperation } from '../operation';

export const get = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a media item',
	description: 'Retrieve one video, audio or image item with its processing status',
	endpoints: ['videos.get'],
	properties: [locator(MEDIA)],
	async execute(itemIndex, session) {
		const videoId = locatorValue(this, MEDIA, itemIndex);
		return await callEndpoint(session, 'videos.get', { params: { video_id: videoId } });
	},
});
