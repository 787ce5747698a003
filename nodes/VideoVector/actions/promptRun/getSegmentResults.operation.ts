import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executeCursorList, returnAllOrLimit } from '../common/list';
import { locator, locatorValue, MEDIA, RUN } from '../common/locators';
import { defineOperation } from '../operation';

export const getSegmentResults = defineOperation({
	value: 'getSegmentResults',
	name: 'Get Segment Results',
	action: 'Get segment results of a prompt run',
	description:
		'List the extracted metadata of every segment of one media item in a run, one item per segment, page by page',
	endpoints: ['prompt_runs.listResults'],
	properties: [
		locator(RUN),
		locator(MEDIA, {
			description: 'The media item whose segment results to list (required by the API)',
		}),
		...returnAllOrLimit(),
	],
	async execute(itemIndex, session) {
		const runId = locatorValue(this, RUN, itemIndex);
		const videoId = locatorValue(this, MEDIA, itemIndex);
		const request = endpointRequest('prompt_runs.listResults', {
			params: { run_id: runId },
			query: { video_id: videoId },
		});
		return await executeCursorList(session, request);
	},
});
