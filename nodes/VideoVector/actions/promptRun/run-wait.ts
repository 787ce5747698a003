import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	isTerminalRunStatus,
	isTerminalSegmentRetryStatus,
} from '../../../../shared/contract/schemas/statuses';
import type { ApiSession } from '../../../../shared/n8n/api-session';
import { pollStatusUntilTerminal, type WaitSettings } from '../common/wait';

/**
 * Waiting for prompt runs and segment retries, and deciding what a final status means for the item.
 * Unknown statuses count as "still running" (docs/api/conventions.md#run-model-and-statuses: tolerate them); the poller's timeout
 * bounds the wait.
 */

/** Outcomes that mean the work the user waited for did not happen. */
export const RUN_FAILURES = ['failed', 'cancelled'] as const;
export const RETRY_FAILURES = ['failed'] as const;

export async function waitForRun(
	session: ApiSession<IExecuteFunctions>,
	runId: string,
	settings: WaitSettings,
): Promise<IDataObject> {
	return await pollStatusUntilTerminal(session, settings, {
		endpoint: 'prompt_runs.get',
		request: { params: { run_id: runId } },
		isTerminalStatus: isTerminalRunStatus,
		describe: `prompt run ${runId}`,
	});
}

export interface RetryAddress {
	run_id: string;
	video_id: string;
	segment_id: string;
	retry_id: string;
}

export async function waitForSegmentRetry(
	session: ApiSession<IExecuteFunctions>,
	address: RetryAddress,
	settings: WaitSettings,
): Promise<IDataObject> {
	return await pollStatusUntilTerminal(session, settings, {
		endpoint: 'prompt_runs.getSegmentRetry',
		request: { params: { ...address } },
		isTerminalStatus: isTerminalSegmentRetryStatus,
		describe: `segment retry ${address.retry_id}`,
	});
}

/**
 * A final state whose status is one of `failures` fails the item — unless the node continues on
 * fail, then the state itself is the output with an `error` field, so the run's counters and
 * messages stay available downstream. Every other final status (including `completed_with_failures`,
 * whose partial results are usable) passes through.
 */
export function settleOutcome(
	context: IExecuteFunctions,
	itemIndex: number,
	state: IDataObject,
	failures: readonly string[],
	what: string,
): IDataObject {
	const status = typeof state.status === 'string' ? state.status.toLowerCase() : '';
	if (!failures.includes(status)) return state;
	const reason = state.error_message ?? state.error;
	const message = `${what} ended with status "${status}"${typeof reason === 'string' && reason ? `: ${reason}` : ''}`;
	if (context.continueOnFail()) return { ...state, error: message };
	throw new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description:
			'Turn on "Continue On Fail" (Settings → On Error) to receive the final state as output instead.',
	});
}
