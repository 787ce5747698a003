import type { JsonObject } from './types.js';

/**
 * One bus for every lifecycle event: the processing SSE stream replays from it and webhook
 * dispatch subscribes to it, so both always see the same events in the same order.
 */

export interface BusEvent {
	seq: number;
	event_id: string;
	event_type: string;
	user_id: string;
	run_id: string | null;
	video_id: string | null;
	segment_id: string | null;
	index_id: string | null;
	created_at: string;
	payload: JsonObject;
}

export interface EmitFields {
	run_id?: string | null;
	video_id?: string | null;
	segment_id?: string | null;
	index_id?: string | null;
	payload?: JsonObject;
}

export type Listener = (event: BusEvent) => void;

/** Zero-padded so ids compare correctly both numerically and lexically. */
export function formatEventId(seq: number): string {
	return String(seq).padStart(12, '0');
}

export function parseEventId(id: string): number | null {
	return /^\d{1,15}$/.test(id) ? Number(id) : null;
}

export class EventBus {
	private events: BusEvent[] = [];
	private lastSeq = 0;
	private listeners = new Set<Listener>();

	constructor(
		private retention: number,
		private readonly userId: string,
		private readonly nowIso: () => string,
	) {}

	setRetention(retention: number): void {
		this.retention = retention;
		this.trim();
	}

	emit(eventType: string, fields: EmitFields = {}): BusEvent {
		const seq = ++this.lastSeq;
		const event: BusEvent = {
			seq,
			event_id: formatEventId(seq),
			event_type: eventType,
			user_id: this.userId,
			run_id: fields.run_id ?? null,
			video_id: fields.video_id ?? null,
			segment_id: fields.segment_id ?? null,
			index_id: fields.index_id ?? null,
			created_at: this.nowIso(),
			payload: fields.payload ?? {},
		};
		this.events.push(event);
		this.trim();
		for (const listener of [...this.listeners]) {
			try {
				listener(event);
			} catch (error) {
				console.error('[emulator] event listener failed', error);
			}
		}
		return event;
	}

	subscribe(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	get latestSeq(): number {
		return this.lastSeq;
	}

	/** Oldest sequence number still replayable: exactly the last `retention` events. */
	get oldestRetainedSeq(): number {
		const physical = this.events[0]?.seq ?? this.lastSeq + 1;
		return Math.max(physical, this.lastSeq - this.retention + 1);
	}

	/**
	 * Events after `seq`, or `expired` when the caller would miss events that were dropped
	 * (or names an id that was never issued).
	 */
	after(seq: number): { expired: true } | { expired: false; events: BusEvent[] } {
		if (seq > this.lastSeq || seq < this.oldestRetainedSeq - 1) return { expired: true };
		const physicalOldest = this.events[0]?.seq ?? this.lastSeq + 1;
		return { expired: false, events: this.events.slice(Math.max(0, seq - physicalOldest + 1)) };
	}

	/** Drops retained events (state reset); sequence numbers keep increasing so old ids expire. */
	clear(): void {
		this.events = [];
	}

	get retainedCount(): number {
		return Math.min(this.events.length, this.retention);
	}

	private trim(): void {
		// Physically drop in batches (splicing per event would make emit O(retention));
		// `oldestRetainedSeq` enforces the exact window logically.
		const excess = this.events.length - this.retention;
		if (excess >= Math.max(1, Math.min(1024, this.retention))) this.events.splice(0, excess);
	}
}
