import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executePlainList, returnAllOrLimit } from '../common/list';
import { locator, locatorValue, RUN } from '../common/locators';
import { defineOperation } from '../operation';

export const getLlmCalls = defineOperation({
	value: 'getLlmCalls',
	name: 'Get LLM Calls',
	action: 'Get the LLM calls of a prompt run',
	description:
		'Debug a run: every model invocation with model, purpose, status, token counts, timings and errors',
	endpoints: ['prompt_runs.listLlmCalls'],
	properties: [locator(RUN), ...returnAllOrLimit()],
	async execute(itemIndex, session) {
		const runId = locatorValue(this, RUN, itemIndex);
		const request = endpointRequest('prompt_runs.listLlmCalls', { params: { run_id: runId } });
		return await executePlainList(session, request);
	},
});
