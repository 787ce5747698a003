import type { IDataObject } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { readWaitSettings, waitForCompletionProperties } from '../common/wait';
import { defineOperation } from '../operation';
import { costGuardOptions, enforceCostGuard } from './cost-guard';
import { executeFormProperties, readExecuteRequest } from './execute-form';
import { processingOptions } from './execution-settings';
import { RUN_FAILURES, settleOutcome, waitForRun } from './run-wait';

export const execute = defineOperation({
	value: 'execute',
	name: 'Execute',
	action: 'Execute a prompt run',
	description:
		'Run a prompt over an index, chosen media items or the playground: media is segmented and metadata extracted per segment. Optionally estimates the cost first and refuses to start above a limit, and waits until the run is finished and returns the final run.',
	endpoints: ['prompt_runs.execute', 'prompt_runs.get', 'prompt_runs.estimate'],
	properties: [
		...executeFormProperties,
		...waitForCompletionProperties('prompt run'),
		optionsWithIdempotencyKey([...processingOptions, ...costGuardOptions]),
	],
	async execute(itemIndex, session) {
		const body = readExecuteRequest(this, itemIndex);
		const wait = readWaitSettings(this, itemIndex);
		await enforceCostGuard(session, body);
		const run = await callEndpoint(session, 'prompt_runs.execute', { body });
		if (!wait.enabled) return run;
		const final = await waitForRun(session, String(run.run_id), wait);
		return settleOutcome(
			this,
			itemIndex,
			final as IDataObject,
			RUN_FAILURES,
			`Prompt run ${String(run.run_id)}`,
		);
	},
});
