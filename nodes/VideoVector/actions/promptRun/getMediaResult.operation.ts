import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { locator, locatorValue, MEDIA, RUN } from '../common/locators';
import { defineOperation } from '../operation';

export const getMediaResult = defineOperation({
	value: 'getMediaResult',
	name: 'Get Media Result',
	action: 'Get the media-wide result of a prompt run',
	description:
		"Retrieve the media-wide synthesis (the prompt's video level) for one media item of a run. 404 when the prompt has no video level.",
	endpoints: ['prompt_runs.getVideoResult'],
	properties: [locator(RUN), locator(MEDIA)],
	async execute(itemIndex, session) {
		const params = {
			run_id: locatorValue(this, RUN, itemIndex),
			video_id: locatorValue(this, MEDIA, itemIndex),
		};
		return await callEndpoint(session, 'prompt_runs.getVideoResult', { params });
	},
});
