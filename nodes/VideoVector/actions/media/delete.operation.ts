import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { deletedOutput } from '../common/deleted-output';
import { locator, locatorValue, MEDIA } from '../common/locators';
import { defineOperation } from '../operation';

export const remove = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a media item',
	description:
		'Start (or resume) the durable deletion of a media item, its segments and results. Needs an admin key. Returns the deletion status; use Get Deletion to follow it.',
	endpoints: ['videos.delete'],
	properties: [locator(MEDIA)],
	async execute(itemIndex, session) {
		const videoId = locatorValue(this, MEDIA, itemIndex);
		const answer = await callEndpoint(session, 'videos.delete', { params: { video_id: videoId } });
		return deletedOutput(videoId, answer);
	},
});
