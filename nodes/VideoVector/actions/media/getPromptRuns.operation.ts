import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { apiListLimit } from '../common/api-list-limit';
import { executePlainList, returnAllOrLimit } from '../common/list';
import { locator, locatorValue, MEDIA } from '../common/locators';
import { defineOperation } from '../operation';

/** The endpoint returns at most 200 runs and has no cursor (docs/api/conventions.md#media). */
const MAX_RUNS = 200;

export const getPromptRuns = defineOperation({
	value: 'getPromptRuns',
	name: 'Get Prompt Runs',
	action: 'Get prompt runs of a media item',
	description: 'List the prompt runs that processed a media item (up to 200, newest first)',
	endpoints: ['videos.listPromptRuns'],
	properties: [locator(MEDIA), ...returnAllOrLimit(MAX_RUNS)],
	async execute(itemIndex, session) {
		const videoId = locatorValue(this, MEDIA, itemIndex);
		const limit = apiListLimit(this, itemIndex, MAX_RUNS);
		const request = endpointRequest('videos.listPromptRuns', {
			params: { video_id: videoId },
			query: { limit },
		});
		return await executePlainList(session, request);
	},
});
