import { NodeOperationError } from 'n8n-workflow';

import type { ApiRequest } from '../http/types';
import { SseParser, type SseEvent } from '../sse/parser';
import { ABORTED, startTimer, unlessAborted } from './abort-timer';
import type { ApiSession } from './api-session';
import { startIdleWatchdog, type IdleWatchdog } from './idle-watchdog';
import { openSseStream, type SseBody } from './sse-connection';

export interface BoundedSseOptions {
	/** Stop once this many events have been read. */
	maxEvents?: number;
	/** Stop after this long in total, connect included. */
	timeoutMs: number;
	/** Stop when no event arrived for this long (heartbeat comments do not count). */
	idleTimeoutMs?: number;
	/** Stop after the first event for which this holds; that event is included. */
	stopAfter?: (event: SseEvent) => boolean;
	/** Sent as `Last-Event-ID`: the server resumes after it. */
	lastEventId?: string;
	/** Outer cancellation, e.g. the execution's cancel signal. */
	signal?: AbortSignal;
}

/**
 * Why reading ended. `closed`: the server ended the stream; `broken`: the connection failed
 * mid-stream (what was read before is kept); `cancelled`: the outer signal fired.
 */
export type SseEndReason =
	'maxEvents' | 'stopEvent' | 'timeout' | 'idle' | 'closed' | 'broken' | 'cancelled';

export interface BoundedSseResult {
	events: SseEvent[];
	endedBy: SseEndReason;
	/** What a follow-up read should send as `Last-Event-ID` to continue without gap or repeat. */
	lastEventId: string | undefined;
}

/**
 * Reads a Server-Sent Events stream through n8n for a bounded time or number of events, then closes
 * the connection (abort signal, body destroyed) whatever ended the read. For one-shot reads in
 * flows and agent tools; a long-running trigger can use `openSseStream` directly.
 */
export async function readBoundedSse(
	session: ApiSession,
	request: ApiRequest,
	options: BoundedSseOptions,
): Promise<BoundedSseResult> {
	const controller = new AbortController();
	let endedBy: SseEndReason | undefined;
	const stop = (reason: SseEndReason) => {
		endedBy ??= reason;
		controller.abort();
	};
	const onOuterAbort = () => stop('cancelled');
	if (options.signal?.aborted) stop('cancelled');
	options.signal?.addEventListener('abort', onOuterAbort, { once: true });
	const overall = startTimer(options.timeoutMs, () => stop('timeout'));
	// Counts events only: heartbeat comments keep the connection open but carry no news.
	let idle: IdleWatchdog | undefined;

	const events: SseEvent[] = [];
	const parser = new SseParser({
		lastEventId: options.lastEventId,
		onEvent: (event) => events.push(event),
	});
	const headers = options.lastEventId
		? { ...request.headers, 'Last-Event-ID': options.lastEventId }
		: request.headers;
	let body: SseBody | undefined;
	try {
		// A refusal (401, 404, …) is an error; a connect cut short by the time limit or a cancel is not.
		body = await openSseStream(session, { ...request, headers }, controller.signal).catch(
			(error: unknown) => (endedBy ? undefined : Promise.reject(error)),
		);
		if (body) {
			idle = startIdleWatchdog(options.idleTimeoutMs);
			idle.signal.addEventListener('abort', () => stop('idle'), { once: true });
			const chunks = body[Symbol.asyncIterator]();
			for (;;) {
				const next = await unlessAborted(chunks.next(), controller.signal).catch(
					(): typeof BROKEN => BROKEN,
				);
				if (next === ABORTED) break;
				if (next === BROKEN) {
					stop('broken');
					break;
				}
				const before = events.length;
				if (next.done) {
					parser.end();
					stop(limitReached(events, before, options) ?? 'closed');
					break;
				}
				if (!feedChunk(parser, next.value)) {
					throw new NodeOperationError(
						session.context.getNode(),
						'An event from the stream is too large to read',
						{
							itemIndex: session.itemIndex,
						},
					);
				}
				const reason = limitReached(events, before, options);
				if (reason) {
					stop(reason);
					break;
				}
				if (events.length > before) idle.restart();
			}
		}
	} finally {
		overall.cancel();
		idle?.stop();
		options.signal?.removeEventListener('abort', onOuterAbort);
		controller.abort();
		body?.destroy?.();
	}
	const lastEventId = events.length > 0 ? events[events.length - 1].id : options.lastEventId;
	return { events, endedBy: endedBy ?? 'closed', lastEventId };
}

const BROKEN = Symbol('broken');

function feedChunk(parser: SseParser, chunk: Uint8Array | string): boolean {
	try {
		parser.feed(chunk);
		return true;
	} catch {
		// Only the parser's buffer cap throws; the caller reports it.
		return false;
	}
}

/**
 * Checks the events added by the last chunk, in order, and drops any that came after the event that
 * ended the read (one chunk can carry several events).
 */
function limitReached(
	events: SseEvent[],
	from: number,
	options: BoundedSseOptions,
): SseEndReason | undefined {
	for (let index = from; index < events.length; index++) {
		if (options.stopAfter?.(events[index])) {
			events.length = index + 1;
			return 'stopEvent';
		}
		if (options.maxEvents !== undefined && index + 1 >= options.maxEvents) {
			events.length = index + 1;
			return 'maxEvents';
		}
	}
	return undefined;
}
