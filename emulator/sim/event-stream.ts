import type { Request, Response } from 'express';
import type { Emulator } from '../core/context.js';
import { invalid } from '../core/errors.js';
import { parseEventId, type BusEvent } from '../core/event-bus.js';
import { SseConnection, type SseFrame } from '../core/sse.js';
import type { QueryFields } from '../core/validation.js';

/**
 * `GET /processing/events/stream` (docs/api/conventions.md#processing-event-stream). Without Last-Event-ID the stream is live-only; with it,
 * retained events after that id are replayed and the live subscription is taken in the SAME
 * synchronous step, so there is no gap and no duplicate at the seam. An id outside the
 * retention window (or never issued) gets `processing.stream_error` / `last_event_id_expired`.
 */

export const STREAM_ERROR_EVENT = 'processing.stream_error';

export interface StreamFilters {
	run_id?: string;
	index_id?: string;
	video_ids: string[];
	event_types: string[];
	batch_size: number;
}

export function readFilters(query: QueryFields): StreamFilters {
	return {
		run_id: query.optStr('run_id') || undefined,
		index_id: query.optStr('index_id') || undefined,
		video_ids: query.strs('video_ids'),
		event_types: query.strs('event_types'),
		batch_size: query.int('batch_size', 1, 1000, 100),
	};
}

export function matches(filters: StreamFilters, event: BusEvent): boolean {
	if (filters.run_id && event.run_id !== filters.run_id) return false;
	if (filters.index_id && event.index_id !== filters.index_id) return false;
	if (filters.video_ids.length && (!event.video_id || !filters.video_ids.includes(event.video_id)))
		return false;
	if (filters.event_types.length && !filters.event_types.includes(event.event_type)) return false;
	return true;
}

export function toFrame(event: BusEvent): SseFrame {
	const { seq: _seq, ...data } = event;
	return { id: event.event_id, event: event.event_type, data };
}

export class SseRegistry {
	readonly open = new Set<SseConnection>();

	constructor(private readonly emu: Emulator) {}

	connect(req: Request, res: Response, errorEvent: string): SseConnection {
		const connection: SseConnection = new SseConnection(req, res, {
			heartbeatMs: this.emu.config.sse.heartbeatMs,
			retryMs: this.emu.config.sse.retryMs,
			fault: this.emu.faults.claimSseFault(),
			errorEvent,
			onClose: () => this.open.delete(connection),
		});
		this.open.add(connection);
		connection.open();
		return connection;
	}

	/** Sends `processing.stream_error` to every open stream and closes them; returns how many. */
	failAll(code: string, message: string): number {
		const all = [...this.open];
		for (const connection of all) connection.fail(code, message);
		return all.length;
	}

	/** Writes one heartbeat comment to every open stream now; returns how many got it. */
	heartbeatAll(): number {
		const all = [...this.open];
		for (const connection of all) connection.comment('heartbeat');
		return all.length;
	}

	closeAll(): void {
		for (const connection of [...this.open]) connection.destroy();
	}

	get count(): number {
		return this.open.size;
	}
}

export function openProcessingStream(
	emu: Emulator,
	req: Request,
	res: Response,
	query: QueryFields,
): void {
	const filters = readFilters(query);
	const lastEventHeader = req.headers['last-event-id'];
	const lastEventId =
		typeof lastEventHeader === 'string' && lastEventHeader.trim() !== ''
			? lastEventHeader.trim()
			: undefined;
	if (filters.event_types.some((t) => t.length > 100))
		throw invalid('event_types', 'event type names are at most 100 characters');

	const connection = emu.sims.sse.connect(req, res, STREAM_ERROR_EVENT);
	let replay: BusEvent[] = [];
	if (lastEventId !== undefined) {
		const seq = parseEventId(lastEventId);
		const window = seq === null ? { expired: true as const } : emu.bus.after(seq);
		if (window.expired) {
			connection.fail(
				'last_event_id_expired',
				'Last-Event-ID is outside the retention window or unknown; resume without it and reconcile state',
			);
			return;
		}
		replay = window.events.filter((event) => matches(filters, event));
	}

	let queue: BusEvent[] = [];
	let scheduled = false;
	const flush = () => {
		scheduled = false;
		const pending = queue;
		queue = [];
		for (let i = 0; i < pending.length && !connection.closed; i += filters.batch_size) {
			connection.send(pending.slice(i, i + filters.batch_size).map(toFrame));
		}
	};
	// Replay and subscription happen in one synchronous block: nothing can be emitted in between.
	const unsubscribe = emu.bus.subscribe((event) => {
		if (connection.closed || !matches(filters, event)) return;
		queue.push(event);
		if (!scheduled) {
			scheduled = true;
			setImmediate(flush);
		}
	});
	res.on('close', unsubscribe);
	for (let i = 0; i < replay.length && !connection.closed; i += filters.batch_size) {
		connection.send(replay.slice(i, i + filters.batch_size).map(toFrame));
	}
}
