import { request, type Dispatcher } from 'undici';

import { parseRetryAfter } from '../../../shared/http/retry-after';
import {
	isN8nStartupAnswer,
	N8N_STARTUP_ANSWER,
} from '../../../shared/webhooks/n8n-startup-answer';
import {
	STANDARD_ID_HEADER,
	STANDARD_TIMESTAMP_HEADER,
	standardWebhookHeaders,
} from '../../../shared/webhooks/standard-webhooks';
import type { ForwardTarget } from '../routing/router';
import type { PendingForward } from '../store/delivery-store';

export const EVENT_HEADER = 'x-videovector-event';
export const DELIVERY_ID_HEADER = 'x-videovector-delivery-id';
const USER_AGENT = 'videovector-webhook-receiver/0.1';

export type AttemptOutcome =
	| { kind: 'delivered'; status: number }
	| {
			kind: 'failed';
			status?: number;
			/** The target's Retry-After (429/503), already clamped, in milliseconds. */
			retryAfterMs?: number;
			error: string;
			/** The attempt was cut short by shutdown: its outcome is unknown and it is not counted. */
			aborted: boolean;
			/**
			 * Set when the attempt timed out but its request is still open: resolves with the
			 * target's answer if it comes within the late-answer window (a 2xx there means delivered).
			 */
			late?: Promise<AttemptOutcome>;
	  };

export interface SendOptions {
	dispatcher: Dispatcher;
	/** Real milliseconds a target has to answer, unless the target sets its own. */
	timeoutMs: number;
	/** Real milliseconds a timed-out request stays open for a late answer (0 = abort at the timeout). */
	lateAnswerMs: number;
	/** Clock time in epoch ms: signs `webhook-timestamp` and resolves HTTP-date Retry-After values. */
	now: number;
	maxRetryAfterMs: number;
	/** Aborts the request on forced shutdown. */
	signal: AbortSignal;
}

/**
 * Headers of a forwarded event: the Standard Webhooks trio (id = VideoVector's delivery id, so the
 * flow can de-duplicate), the event name and delivery id for routing inside n8n, then the target's
 * own headers (an n8n header-auth token, for instance). Without a target secret the signature is
 * omitted but id and timestamp are still sent.
 */
export function forwardHeaders(
	target: ForwardTarget,
	forward: PendingForward,
	nowMs: number,
): Record<string, string> {
	const timestamp = Math.floor(nowMs / 1000);
	const standard =
		target.secret === undefined
			? { [STANDARD_ID_HEADER]: forward.deliveryId, [STANDARD_TIMESTAMP_HEADER]: String(timestamp) }
			: standardWebhookHeaders([target.secret], {
					id: forward.deliveryId,
					timestamp,
					rawBody: forward.body,
				});
	return {
		...target.headers,
		'content-type': 'application/json',
		'user-agent': USER_AGENT,
		...standard,
		[EVENT_HEADER]: forward.eventType,
		[DELIVERY_ID_HEADER]: forward.deliveryId,
	};
}

function describeError(error: unknown): string {
	if (error instanceof Error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === undefined ? error.name : `${error.name} ${code}`;
	}
	return 'unknown error';
}

/**
 * One POST of one event to one target. Never throws: every way it can go wrong is an outcome.
 *
 * At `timeoutMs` the attempt counts as failed and the caller moves on, but the request itself is
 * kept open for up to `lateAnswerMs` more: a target that does its work before answering still gets
 * to say 2xx, and the outcome's `late` promise tells the caller, who can then record the event as
 * delivered instead of sending it again. Only then (or at shutdown) is the request aborted.
 */
export async function sendForward(
	target: ForwardTarget,
	forward: PendingForward,
	options: SendOptions,
): Promise<AttemptOutcome> {
	const timeoutMs = target.timeoutMs ?? options.timeoutMs;
	const request = startRequest(
		target,
		forward,
		options,
		timeoutMs,
		timeoutMs + options.lateAnswerMs,
	);
	if (options.lateAnswerMs === 0) return request;
	let timer: NodeJS.Timeout | undefined;
	const timedOut = new Promise<'timeout'>((resolve) => {
		timer = setTimeout(() => resolve('timeout'), timeoutMs);
	});
	try {
		const first = await Promise.race([request, timedOut]);
		if (first !== 'timeout') return first;
		return {
			kind: 'failed',
			error: `timeout after ${timeoutMs} ms`,
			aborted: false,
			late: request,
		};
	} finally {
		clearTimeout(timer);
	}
}

/** n8n's answer is 31 bytes: a longer body is not it. */
const STARTUP_ANSWER_MAX_BYTES = 64;

/**
 * Whether a 2xx answer is n8n's while it starts (shared/webhooks/n8n-startup-answer.ts): counted
 * as delivered, the event would be lost. At most the first 64 bytes are looked at; a body
 * announced longer is drained unread (a target's body is never stored or logged, it may echo data),
 * so the socket is reused.
 */
async function isStartupAnswer(response: Dispatcher.ResponseData): Promise<boolean> {
	if (Number(response.headers['content-length']) > STARTUP_ANSWER_MAX_BYTES) {
		await response.body.dump();
		return false;
	}
	const head: Buffer[] = [];
	let size = 0;
	// Only a body of unannounced length gets here with more than that: leaving the loop early
	// ends that one connection, which is rare enough not to matter.
	for await (const chunk of response.body) {
		const bytes = chunk as Buffer;
		size += bytes.length;
		if (size > STARTUP_ANSWER_MAX_BYTES) break;
		head.push(bytes);
	}
	if (size > STARTUP_ANSWER_MAX_BYTES) return false;
	return isN8nStartupAnswer(Buffer.concat(head).toString('utf8'));
}

/** The request itself, cut off after `limitMs` (reported as a timeout after `timeoutMs`) or at shutdown. */
async function startRequest(
	target: ForwardTarget,
	forward: PendingForward,
	options: SendOptions,
	timeoutMs: number,
	limitMs: number,
): Promise<AttemptOutcome> {
	// One controller per attempt, tied to shutdown by a listener that is always removed: the
	// shutdown signal lives as long as the process and must not collect per-request state.
	const attempt = new AbortController();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		attempt.abort();
	}, limitMs);
	const onShutdown = (): void => attempt.abort();
	options.signal.addEventListener('abort', onShutdown, { once: true });
	if (options.signal.aborted) attempt.abort();
	const signal = attempt.signal;
	try {
		const response = await request(target.url, {
			method: 'POST',
			headers: forwardHeaders(target, forward, options.now),
			body: forward.body,
			dispatcher: options.dispatcher,
			signal,
			headersTimeout: limitMs,
			bodyTimeout: limitMs,
		});
		if (response.statusCode >= 200 && response.statusCode < 300) {
			if (!(await isStartupAnswer(response)))
				return { kind: 'delivered', status: response.statusCode };
			return {
				kind: 'failed',
				status: response.statusCode,
				error: `HTTP ${response.statusCode} "${N8N_STARTUP_ANSWER}" (n8n ran nothing)`,
				aborted: false,
			};
		}
		// The target's body is never stored or logged (it may echo data); drain it to reuse the socket.
		await response.body.dump();
		const retryAfterHeader = response.headers['retry-after'];
		const retryAfterMs =
			response.statusCode === 429 || response.statusCode === 503
				? parseRetryAfter(
						Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader,
						options.now,
						options.maxRetryAfterMs,
					)
				: undefined;
		return {
			kind: 'failed',
			status: response.statusCode,
			error: `HTTP ${response.statusCode}`,
			aborted: false,
			...(retryAfterMs === undefined ? {} : { retryAfterMs }),
		};
	} catch (error) {
		const aborted = options.signal.aborted && !timedOut;
		return {
			kind: 'failed',
			error: timedOut ? `timeout after ${timeoutMs} ms` : describeError(error),
			aborted,
		};
	} finally {
		clearTimeout(timer);
		options.signal.removeEventListener('abort', onShutdown);
	}
}
