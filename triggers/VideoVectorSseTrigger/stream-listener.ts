import type { ITriggerFunctions, NodeOperationError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { endpointRequest } from '../../shared/contract/endpoint-request';
import { ApiSession } from '../../shared/n8n/api-session';
import { toNodeError } from '../../shared/n8n/node-error';
import { openSseStream } from '../../shared/n8n/sse-connection';
import {
	runEventStream,
	type EventStreamHooks,
	type EventStreamOptions,
	type SessionEnd,
} from './event-stream-session';
import { executionDelivery, manualDelivery, supportsDeduplicationKeys } from './n8n-delivery';
import { ReconnectBackoff } from './reconnect-backoff';
import { ResumeState } from './resume-state';
import {
	expiredPositionError,
	isRetryableConnectFailure,
	streamFailureError,
} from './trigger-errors';
import { INITIAL_RECONNECT_DELAY_MS, type TriggerSettings } from './trigger-settings';

/**
 * Wires the event-stream session to n8n: the connection through n8n's HTTP helper (credentials,
 * proxies), delivery as executions, the stored position, errors. One listener per activation;
 * `close()` (the trigger's closeFunction) ends it at once.
 */
export class StreamListener {
	private readonly controller = new AbortController();
	/** The first connection must succeed; only later ones are retried (see `hooks`). */
	private connectedOnce = false;

	constructor(
		private readonly context: ITriggerFunctions,
		private readonly settings: TriggerSettings,
	) {}

	/**
	 * Published workflow: resolves once the stream is open, so the activation reports a wrong key or
	 * an unreachable API right away; later failures deactivate the trigger through `emitError`.
	 */
	async start(): Promise<void> {
		const state = new ResumeState(
			this.context.getWorkflowStaticData('node'),
			this.settings.startAfter,
			supportsDeduplicationKeys(this.context),
		);
		const { connectAfter, inFlightUntil } = state.point();
		let opened!: () => void;
		const open = new Promise<void>((resolve) => {
			opened = resolve;
		});
		const ended = runEventStream(
			{
				...this.hooks(),
				onConnected: opened,
				deliver: executionDelivery(this.context, state),
				reportGap: (failure) => {
					state.forget();
					this.reportGap(
						expiredPositionError(this.context.getNode(), failure.lastEventId, failure.message),
					);
				},
			},
			this.options({ resumeAfter: connectAfter, inFlightUntil }),
		);
		const first = await Promise.race([open.then(() => undefined), ended]);
		if (first !== undefined) {
			this.close();
			if (first.kind === 'failed') throw streamFailureError(this.context.getNode(), first.failure);
			return;
		}
		void ended.then(
			(end) => this.reportEnd(end),
			(error: unknown) => this.context.emitError(toNodeError(this.context.getNode(), error)),
		);
	}

	/** "Listen for test event": the first unit that matches the filters, then the connection closes. */
	async listenOnce(): Promise<void> {
		const end = await runEventStream(
			{ ...this.hooks(), deliver: manualDelivery(this.context) },
			this.options({ resumeAfter: this.settings.startAfter, maxUnits: 1 }),
		);
		this.reportEnd(end);
	}

	close(): void {
		this.controller.abort();
	}

	private hooks(): Omit<EventStreamHooks, 'deliver'> {
		const request = endpointRequest('processing_events.stream', { query: this.settings.query });
		return {
			connect: async (lastEventId, signal) => {
				const headers = lastEventId
					? { ...request.headers, 'Last-Event-ID': lastEventId }
					: request.headers;
				const body = await openSseStream(
					new ApiSession(this.context),
					{ ...request, headers },
					signal,
				);
				this.connectedOnce = true;
				return body;
			},
			isRetryable: (error) => this.connectedOnce && isRetryableConnectFailure(error),
			log: (level, message) =>
				this.context.logger[level](message, { node: this.context.getNode().name }),
		};
	}

	private options(
		position: Pick<EventStreamOptions, 'resumeAfter' | 'inFlightUntil' | 'maxUnits'>,
	): EventStreamOptions {
		return {
			...position,
			mode: this.settings.mode,
			batchSize: this.settings.batchSize,
			watchdogMs: this.settings.watchdogMs,
			backoff: new ReconnectBackoff({
				initialMs: INITIAL_RECONNECT_DELAY_MS,
				maxMs: this.settings.maxReconnectDelayMs,
				random: Math.random,
			}),
			sleep: async (ms, signal) => await sleep(ms, signal),
			continueAfterExpired: this.settings.continueAfterExpired,
			indexIds: this.settings.localIndexIds,
			signal: this.controller.signal,
		};
	}

	private reportEnd(end: SessionEnd): void {
		if (end.kind !== 'failed') return;
		this.close();
		this.context.emitError(streamFailureError(this.context.getNode(), end.failure));
	}

	/** A gap the trigger continues past is never silent: a failed execution names it. */
	private reportGap(error: NodeOperationError): void {
		// Older n8n versions have no saveFailedExecution; their log is the only place left.
		const save = (this.context as Partial<ITriggerFunctions>).saveFailedExecution;
		if (typeof save === 'function') save.call(this.context, error);
		else this.context.logger.error(error.message, { node: this.context.getNode().name });
	}
}
