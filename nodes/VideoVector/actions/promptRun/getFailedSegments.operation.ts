import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { locator, locatorValue, RUN } from '../common/locators';
import { defineOperation } from '../operation';

export const getFailedSegments = defineOperation({
	value: 'getFailedSegments',
	name: 'Get Failed Segments',
	action: 'Get the failed segments of a prompt run',
	description:
		'Retrieve the manifest of failed segments per media item, with the failed operations, error messages and whether each can be retried',
	endpoints: ['prompt_runs.getFailedSegments'],
	properties: [locator(RUN)],
	async execute(itemIndex, session) {
		const runId = locatorValue(this, RUN, itemIndex);
		return await callEndpoint(session, 'prompt_runs.getFailedSegments', {
			params: { run_id: runId },
		});
	},
});
