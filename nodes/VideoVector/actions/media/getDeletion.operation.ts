import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { locator, locatorValue, MEDIA } from '../common/locators';
import { defineOperation } from '../operation';

export const getDeletion = defineOperation({
	value: 'getDeletion',
	name: 'Get Deletion',
	action: 'Get the deletion status of a media item',
	description: 'Follow a durable media deletion until its status is deleted',
	endpoints: ['videos.getDeletion'],
	properties: [locator(MEDIA)],
	async execute(itemIndex, session) {
		const videoId = locatorValue(this, MEDIA, itemIndex);
		return await callEndpoint(session, 'videos.getDeletion', { params: { video_id: videoId } });
	},
});
