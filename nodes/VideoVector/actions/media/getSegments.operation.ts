import type { IDataObject } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executeCursorList, returnAllOrLimit } from '../common/list';
import { locator, locatorValue, MEDIA } from '../common/locators';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';
import { defineOperation } from '../operation';

export const getSegments = defineOperation({
	value: 'getSegments',
	name: 'Get Segments',
	action: 'Get the segments of a media item',
	description:
		'List the segments (time ranges with extracted metadata) of a media item, page by page, optionally pinned to one prompt run',
	endpoints: ['videos.listSegments'],
	properties: [
		locator(MEDIA),
		...returnAllOrLimit(),
		optionsCollection([
			{
				displayName: 'Latest Run Only',
				name: 'latestRun',
				type: 'boolean',
				default: false,
				description: 'Whether to return the segments of the most recent prompt run only',
			},
			{
				displayName: 'Prompt Run ID',
				name: 'runId',
				type: 'string',
				default: '',
				placeholder: 'e.g. run_abc123',
				description: 'Return the segments as produced by this prompt run',
			},
		]),
	],
	async execute(itemIndex, session) {
		const videoId = locatorValue(this, MEDIA, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const query: Record<string, string | boolean> = {};
		const runId = String(options.runId ?? '').trim();
		if (runId) query.run_id = runId;
		if (options.latestRun === true) query.latest_run = true;
		const request = endpointRequest('videos.listSegments', {
			params: { video_id: videoId },
			query,
		});
		return await executeCursorList(session, request);
	},
});
