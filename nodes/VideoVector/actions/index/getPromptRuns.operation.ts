import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executeCursorList, returnAllOrLimit } from '../common/list';
import { INDEX, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';

export const getPromptRuns = defineOperation({
	value: 'getPromptRuns',
	name: 'Get Prompt Runs',
	action: 'Get prompt runs of an index',
	description: 'List the prompt runs executed on an index, newest first, page by page',
	endpoints: ['indexes.listPromptRuns'],
	properties: [locator(INDEX), ...returnAllOrLimit()],
	async execute(itemIndex, session) {
		const indexId = locatorValue(this, INDEX, itemIndex);
		const request = endpointRequest('indexes.listPromptRuns', { params: { index_id: indexId } });
		return await executeCursorList(session, request);
	},
});
