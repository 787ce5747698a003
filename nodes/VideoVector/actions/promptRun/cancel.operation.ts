import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { locator, locatorValue, RUN } from '../common/locators';
import { readWaitSettings, waitForCompletionProperties } from '../common/wait';
import { defineOperation } from '../operation';
import { waitForRun } from './run-wait';

export const cancel = defineOperation({
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel a prompt run',
	description:
		'Ask a prompt run to stop. Cancellation is cooperative: work in flight may still finish. Optionally waits until the run has stopped and returns its final state.',
	endpoints: ['prompt_runs.cancel', 'prompt_runs.get'],
	properties: [locator(RUN), ...waitForCompletionProperties('run'), optionsWithIdempotencyKey()],
	async execute(itemIndex, session) {
		const runId = locatorValue(this, RUN, itemIndex);
		const wait = readWaitSettings(this, itemIndex);
		const run = await callEndpoint(session, 'prompt_runs.cancel', { params: { run_id: runId } });
		// Any final status means the run has stopped, which is all a cancel asks for.
		return wait.enabled ? await waitForRun(session, runId, wait) : run;
	},
});
