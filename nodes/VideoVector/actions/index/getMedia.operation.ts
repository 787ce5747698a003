import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executeCursorList, returnAllOrLimit } from '../common/list';
import { INDEX, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';

export const getMedia = defineOperation({
	value: 'getMedia',
	name: 'Get Media',
	action: 'Get media in an index',
	description: 'List the videos, audio and images of an index, page by page',
	endpoints: ['indexes.listVideos'],
	properties: [locator(INDEX), ...returnAllOrLimit()],
	async execute(itemIndex, session) {
		const indexId = locatorValue(this, INDEX, itemIndex);
		const request = endpointRequest('indexes.listVideos', { params: { index_id: indexId } });
		return await executeCursorList(session, request);
	},
});
