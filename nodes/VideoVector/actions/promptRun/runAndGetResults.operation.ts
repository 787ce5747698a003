import type { INodeProperties } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { readResultLevel, resultLevelProperty } from '../common/result-level';
import { readWaitSettings, waitForCompletionProperties } from '../common/wait';
import { defineOperation } from '../operation';
import { costGuardOptions, enforceCostGuard } from './cost-guard';
import { executeFormProperties, readExecuteRequest } from './execute-form';
import { processingOptions } from './execution-settings';
import { collectRunResults, MAX_RESULTS_PAGE } from './run-result-streams';
import { RUN_FAILURES, settleOutcome, waitForRun } from './run-wait';

/** Execute's wait settings without its on/off toggle: this operation always waits. */
const waitProperties: INodeProperties[] = waitForCompletionProperties('prompt run')
	.filter((property) => property.name !== 'waitForCompletion')
	.map((property) => ({ ...property, displayOptions: undefined }));

/**
 * Execute, wait and Get Run Results in one step. The run is started with the same idempotent request
 * as Execute (so n8n's retries do not start a second run), polled with backoff up to the timeout, and
 * its results are read page by page (cursor paging, 50 a page) straight into the output: no page is
 * kept once its results are items, so the memory used is that of the output itself.
 */
export const runAndGetResults = defineOperation({
	value: 'runAndGetResults',
	name: 'Run and Get Results',
	action: 'Run a prompt and get its results',
	description:
		"Start a prompt run, wait until it has finished, and output one item per extracted result: per segment, or per media item (the prompt's video-level result). A failed or cancelled run fails the item.",
	endpoints: [
		'prompt_runs.estimate',
		'prompt_runs.execute',
		'prompt_runs.get',
		'workflow.listRunResults',
	],
	properties: [
		...executeFormProperties,
		{
			...resultLevelProperty,
			description:
				'Whether to output one item per segment result or one per media item (needs a prompt with video-level instructions)',
		},
		...waitProperties,
		optionsWithIdempotencyKey([...processingOptions, ...costGuardOptions]),
	],
	async execute(itemIndex, session) {
		const body = readExecuteRequest(this, itemIndex);
		const wait = { ...readWaitSettings(this, itemIndex), enabled: true };
		await enforceCostGuard(session, body);
		const run = await callEndpoint(session, 'prompt_runs.execute', { body });
		const runId = String(run.run_id);
		const final = await waitForRun(session, runId, wait);
		const settled = settleOutcome(this, itemIndex, final, RUN_FAILURES, `Prompt run ${runId}`);
		// Under "Continue On Fail" a failed run comes back with an `error`: it has no results to read.
		if (settled.error !== undefined) return settled;
		return await collectRunResults(session, {
			runId,
			streams: ['unfiltered'],
			resultLevel: readResultLevel(this, itemIndex),
			pageSize: MAX_RESULTS_PAGE,
		});
	},
});
