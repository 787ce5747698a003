import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { locator, locatorValue, RUN } from '../common/locators';
import { defineOperation } from '../operation';

export const get = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a prompt run',
	description:
		'Retrieve a prompt run with its status (pending, processing, completed, completed_with_failures, failed, cancelled) and progress counters',
	endpoints: ['prompt_runs.get'],
	properties: [locator(RUN)],
	async execute(itemIndex, session) {
		const runId = locatorValue(this, RUN, itemIndex);
		return await callEndpoint(session, 'prompt_runs.get', { params: { run_id: runId } });
	},
});
