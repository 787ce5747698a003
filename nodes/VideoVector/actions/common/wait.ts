import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { EndpointRequestOptions } from '../../../../shared/contract/endpoint-request';
import type { EndpointKey } from '../../../../shared/contract/endpoints';
import type { ApiSession } from '../../../../shared/n8n/api-session';
import { callEndpoint } from '../../../../shared/n8n/call-endpoint';

/**
 * "Wait for Completion" for long-running jobs (prompt runs, import jobs, exports): the parameters,
 * and a poller that backs off between polls and gives up at a timeout.
 */
export function waitForCompletionProperties(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description: `Whether to keep polling until the ${what} reaches a final status and return that final state`,
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1800,
			description: 'Give up waiting after this many seconds (the job itself keeps running)',
			displayOptions: { show: { waitForCompletion: [true] } },
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 0.05, numberPrecision: 2 },
			default: 5,
			description: 'First wait between status checks; later waits grow up to 6 times this',
			displayOptions: { show: { waitForCompletion: [true] } },
		},
	];
}

export interface WaitSettings {
	enabled: boolean;
	timeoutMs: number;
	pollIntervalMs: number;
}

export function readWaitSettings(context: IExecuteFunctions, itemIndex: number): WaitSettings {
	const enabled = context.getNodeParameter('waitForCompletion', itemIndex, false) as boolean;
	return {
		enabled,
		timeoutMs: (context.getNodeParameter('waitTimeout', itemIndex, 1800) as number) * 1000,
		pollIntervalMs: (context.getNodeParameter('pollInterval', itemIndex, 5) as number) * 1000,
	};
}

const GROWTH = 1.5;
const MAX_INTERVAL_FACTOR = 6;

/**
 * Polls `fetchState` until `isTerminal` holds, waiting longer each time (n8n-workflow's `sleep`: nodes
 * may not use timers). Throws a clear node error naming the last seen status when the timeout passes.
 */
export async function pollUntilTerminal(
	context: IExecuteFunctions,
	itemIndex: number,
	settings: WaitSettings,
	fetchState: () => Promise<IDataObject>,
	isTerminal: (state: IDataObject) => boolean,
	describe: string,
): Promise<IDataObject> {
	const deadline = Date.now() + settings.timeoutMs;
	let interval = settings.pollIntervalMs;
	let state = await fetchState();
	while (!isTerminal(state)) {
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			throw new NodeOperationError(
				context.getNode(),
				`Timed out after ${Math.round(settings.timeoutMs / 1000)} s waiting for ${describe} (last status: ${String(state.status)})`,
				{
					itemIndex,
					description:
						'The job keeps running; raise the timeout or check it later with a Get operation.',
				},
			);
		}
		await sleep(Math.min(interval, remaining));
		interval = Math.min(interval * GROWTH, settings.pollIntervalMs * MAX_INTERVAL_FACTOR);
		state = await fetchState();
	}
	return state;
}

/** A job read back through one status endpoint of the contract. */
export interface StatusPoll<K extends EndpointKey> {
	/** The GET that returns the job, e.g. `prompt_runs.get`. */
	endpoint: K;
	request: EndpointRequestOptions<K>;
	/** Which values of the job's `status` are final. */
	isTerminalStatus: (status: unknown) => boolean;
	/** The job as the timeout message names it, e.g. "prompt run run_1". */
	describe: string;
}

/** `pollUntilTerminal` for the usual case: GET the job until its `status` is final. */
export async function pollStatusUntilTerminal<K extends EndpointKey>(
	session: ApiSession<IExecuteFunctions>,
	settings: WaitSettings,
	poll: StatusPoll<K>,
): Promise<IDataObject> {
	const { context, itemIndex } = session;
	return await pollUntilTerminal(
		context,
		itemIndex,
		settings,
		async () => await callEndpoint(session, poll.endpoint, poll.request),
		(state) => poll.isTerminalStatus(state.status),
		poll.describe,
	);
}
