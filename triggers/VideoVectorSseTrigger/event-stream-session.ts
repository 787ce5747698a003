import type { IDataObject } from 'n8n-workflow';

import type { SseBody } from '../../shared/n8n/sse-connection';
import { SseBufferOverflowError, SseParser, type SseEvent } from '../../shared/sse/parser';
import {
	interpretProcessingEvent,
	type ProcessingStreamItem,
} from '../../shared/sse/processing-event';
import { readNextChunk } from './chunk-reader';
import { DeliveredIds } from './delivered-ids';
import {
	UnitAssembler,
	type DeliveryUnit,
	type OutputMode,
	type StreamEvent,
} from './delivery-units';
import type { ReconnectBackoff } from './reconnect-backoff';
import { itemFromProcessingEvent } from '../shared/event-item';
import { indexPicked } from '../shared/trigger-picks';

/** What the session needs from its host (the n8n trigger, a test, the benchmark). */
export interface EventStreamHooks {
	/** Opens the stream after `lastEventId` (undefined: live); rejects when no stream could be opened. */
	connect(lastEventId: string | undefined, signal: AbortSignal): Promise<SseBody>;
	/** Whether a failed connect is worth another try (no answer, 429, 5xx) or final (401, 403, …). */
	isRetryable(error: unknown): boolean;
	/** Hands one unit to n8n; resolves once n8n is done with it. This wait is the backpressure. */
	deliver(unit: DeliveryUnit): Promise<void>;
	/** A stream is open (called for every connection). */
	onConnected?(): void;
	/** The resume position expired and the session continues live: the gap must be reported. */
	reportGap?(failure: ExpiredFailure): void;
	log?(level: 'info' | 'warn', message: string): void;
}

export interface EventStreamOptions {
	/** `Last-Event-ID` of the first connection. */
	resumeAfter: string | undefined;
	/** See ResumePoint.inFlightUntil. */
	inFlightUntil?: string;
	mode: OutputMode;
	batchSize: number;
	/** Reconnect when not a byte arrived for this long; 0 disables the watchdog. */
	watchdogMs: number;
	backoff: ReconnectBackoff;
	/** n8n-workflow's `sleep`: resolves after `ms`, rejects when `signal` fires. */
	sleep(ms: number, signal: AbortSignal): Promise<void>;
	/** On `last_event_id_expired`: report the gap and continue live (true) or stop (false). */
	continueAfterExpired: boolean;
	/**
	 * Indexes to keep when the server could not filter (several picked); empty: keep all. A dropped
	 * event is dropped again when it is replayed, so units and resume positions stay the same.
	 */
	indexIds?: readonly string[];
	/** Stop after delivering this many units (manual "listen for test event": 1). */
	maxUnits?: number;
	/** Aborted by the trigger's closeFunction. */
	signal: AbortSignal;
}

export interface ExpiredFailure {
	kind: 'expired';
	lastEventId: string | undefined;
	message: string | undefined;
}

export type StreamFailure =
	| { kind: 'connect'; error: unknown }
	| ExpiredFailure
	| { kind: 'oversized'; message: string }
	| { kind: 'delivery'; error: unknown };

export type SessionEnd =
	{ kind: 'closed' } | { kind: 'delivered' } | { kind: 'failed'; failure: StreamFailure };

/** Why one connection ended and the session reconnects. */
type Reconnect = { kind: 'reconnect'; reason: string };
type ConnectionEnd = SessionEnd | Reconnect | ExpiredFailure;

const CLOSED: SessionEnd = { kind: 'closed' };
const DELIVERED: SessionEnd = { kind: 'delivered' };

/**
 * Follows `GET /processing/events/stream` for as long as the trigger is active: connects after the
 * last delivered id, parses chunks incrementally (shared SseParser, processing-event interpreter), hands units to
 * n8n one at a time and reads on only when n8n is done with them, and reconnects — with backoff,
 * jitter and the server's `retry:` — after a network error, a server close, `processing.stream_error`
 * or a silent connection. Each event is delivered once and in order: a reconnect resumes after the
 * last delivered id, and ids seen before are dropped.
 */
export async function runEventStream(
	hooks: EventStreamHooks,
	options: EventStreamOptions,
): Promise<SessionEnd> {
	return await new EventStreamSession(hooks, options).run();
}

class EventStreamSession {
	private readonly delivered: DeliveredIds;
	private units: UnitAssembler;
	private readonly parser: SseParser;
	private dispatched: SseEvent[] = [];
	private heardComment = false;
	private unitsDelivered = 0;

	constructor(
		private readonly hooks: EventStreamHooks,
		private readonly options: EventStreamOptions,
	) {
		this.delivered = new DeliveredIds(options.resumeAfter);
		this.units = new UnitAssembler(options.mode, options.batchSize, options.inFlightUntil);
		this.parser = new SseParser({
			onEvent: (event) => this.dispatched.push(event),
			onComment: () => {
				this.heardComment = true;
			},
			onRetry: (ms) => options.backoff.serverRetry(ms),
		});
	}

	async run(): Promise<SessionEnd> {
		const { signal } = this.options;
		while (!signal.aborted) {
			const end = await this.connectAndRead();
			if (end.kind === 'closed' || end.kind === 'delivered' || end.kind === 'failed') return end;
			if (end.kind === 'expired') {
				if (!this.options.continueAfterExpired) return { kind: 'failed', failure: end };
				this.hooks.reportGap?.(end);
				this.delivered.forget();
				this.units = new UnitAssembler(this.options.mode, this.options.batchSize);
				this.hooks.log?.('warn', 'Resume position expired; continuing with new events');
			} else {
				this.hooks.log?.(
					'info',
					`Event stream ${end.reason}; reconnecting after ${this.delivered.last ?? '(live)'}`,
				);
			}
			if (!(await this.waitBeforeReconnect())) return CLOSED;
		}
		return CLOSED;
	}

	private async connectAndRead(): Promise<ConnectionEnd> {
		const { signal } = this.options;
		const connection = new AbortController();
		const stop = () => connection.abort();
		signal.addEventListener('abort', stop, { once: true });
		let body: SseBody | undefined;
		try {
			body = await this.hooks.connect(this.delivered.last, connection.signal);
		} catch (error) {
			signal.removeEventListener('abort', stop);
			if (signal.aborted) return CLOSED;
			if (!this.hooks.isRetryable(error))
				return { kind: 'failed', failure: { kind: 'connect', error } };
			return { kind: 'reconnect', reason: 'could not be opened' };
		}
		try {
			this.hooks.onConnected?.();
			return await this.read(body, connection.signal);
		} finally {
			signal.removeEventListener('abort', stop);
			connection.abort();
			body.destroy?.();
			// Whatever was not delivered comes again after Last-Event-ID.
			this.parser.reset();
			this.units.discard();
			this.dispatched = [];
			this.heardComment = false;
		}
	}

	private async read(body: SseBody, signal: AbortSignal): Promise<ConnectionEnd> {
		const chunks = body[Symbol.asyncIterator]();
		for (;;) {
			const read = await readNextChunk(chunks, this.options.watchdogMs, signal);
			switch (read.kind) {
				case 'aborted':
					return CLOSED;
				case 'idle':
					return { kind: 'reconnect', reason: `was silent for ${this.options.watchdogMs} ms` };
				case 'broken':
					return { kind: 'reconnect', reason: 'broke' };
				case 'end': {
					this.parser.end();
					return (
						(await this.deliverDispatched()) ?? {
							kind: 'reconnect',
							reason: 'was closed by the server',
						}
					);
				}
				case 'chunk': {
					const overflow = this.feed(read.chunk);
					if (overflow) return { kind: 'failed', failure: overflow };
					const end = await this.deliverDispatched();
					if (end) return end;
				}
			}
		}
	}

	private feed(chunk: Uint8Array | string): StreamFailure | undefined {
		try {
			this.parser.feed(chunk);
			return undefined;
		} catch (error) {
			// Only the parser's buffer cap throws. Reconnecting would read the same event again: stop and say why.
			const message = error instanceof SseBufferOverflowError ? error.message : String(error);
			return { kind: 'oversized', message };
		}
	}

	/** Turns the events the parser dispatched into units and delivers them, in order. */
	private async deliverDispatched(): Promise<ConnectionEnd | undefined> {
		const dispatched = this.dispatched;
		this.dispatched = [];
		let streamEnd: ConnectionEnd | undefined;
		for (const sse of dispatched) {
			const item = interpretProcessingEvent(sse);
			if (item.kind === 'stream_error') {
				// The server closes the stream right after this event.
				streamEnd = item.lastEventIdExpired
					? { kind: 'expired', lastEventId: this.delivered.last, message: item.message }
					: {
							kind: 'reconnect',
							reason: `reported ${item.code}${item.message ? ` (${item.message})` : ''}`,
						};
				break;
			}
			this.options.backoff.succeeded();
			const event = toStreamEvent(sse, item);
			if (event.id !== undefined && this.delivered.has(event.id)) continue;
			if (
				!indexPicked(
					(event.json.data as IDataObject | undefined)?.index_id,
					this.options.indexIds ?? [],
				)
			)
				continue;
			this.units.add(event);
		}
		const units = this.units.takeReady();
		if (this.heardComment) {
			this.heardComment = false;
			units.push(...this.units.releaseHeld());
		}
		for (const unit of units) {
			if (this.options.signal.aborted) return CLOSED;
			const failure = await this.deliver(unit);
			if (failure) return failure;
			if (this.options.maxUnits !== undefined && ++this.unitsDelivered >= this.options.maxUnits)
				return DELIVERED;
		}
		return streamEnd;
	}

	private async deliver(unit: DeliveryUnit): Promise<SessionEnd | undefined> {
		for (const event of unit.events) if (event.id !== undefined) this.delivered.add(event.id);
		try {
			await this.hooks.deliver(unit);
			return undefined;
		} catch (error) {
			return { kind: 'failed', failure: { kind: 'delivery', error } };
		}
	}

	/** False when the trigger closed during the wait. */
	private async waitBeforeReconnect(): Promise<boolean> {
		try {
			await this.options.sleep(this.options.backoff.nextDelay(), this.options.signal);
			return !this.options.signal.aborted;
		} catch {
			return false;
		}
	}
}

/**
 * A processing event in the triggers' common item shape, resumed by its SSE id (the framing repeats `event_id` there).
 * Anything off-contract passes through raw rather than vanish; it carries no id of its own that could
 * be trusted (the parser's id persists from earlier events), so it is neither resumed by nor deduplicated.
 */
function toStreamEvent(
	sse: SseEvent,
	item: Exclude<ProcessingStreamItem, { kind: 'stream_error' }>,
): StreamEvent {
	if (item.kind === 'event')
		return { id: sse.id || item.event.event_id, json: itemFromProcessingEvent(item.event) };
	return {
		id: undefined,
		json: {
			event_id: null,
			event: sse.event ?? 'message',
			created_at: null,
			data: {},
			raw: sse.data,
			invalid: item.reason,
		},
	};
}
