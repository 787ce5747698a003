import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { apiListLimit } from '../common/api-list-limit';
import { executeCappedList, cappedReturnAll } from '../common/list';
import { locator, locatorValue, MEDIA } from '../common/locators';
import { defineOperation } from '../operation';
import type { ListCap } from '../../../../shared/n8n/list-extent';

/** The endpoint returns at most 200 runs and has no cursor (docs/api/conventions.md#media). */
const MAX_RUNS = 200;
/** Return All cannot reach past it: the list has no cursor. */
const CAP: ListCap = { max: MAX_RUNS, noun: 'prompt runs' };

export const getPromptRuns = defineOperation({
	value: 'getPromptRuns',
	name: 'Get Prompt Runs',
	action: 'Get prompt runs of a media item',
	description: 'List the prompt runs that processed a media item (up to 200, newest first)',
	endpoints: ['videos.listPromptRuns'],
	properties: [locator(MEDIA), ...cappedReturnAll(CAP)],
	async execute(itemIndex, session) {
		const videoId = locatorValue(this, MEDIA, itemIndex);
		const limit = apiListLimit(this, itemIndex, MAX_RUNS);
		const request = endpointRequest('videos.listPromptRuns', {
			params: { video_id: videoId },
			query: { limit },
		});
		return await executeCappedList(session, request, CAP);
	},
});
