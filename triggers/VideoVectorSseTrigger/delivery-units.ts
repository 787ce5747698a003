import type { IDataObject } from 'n8n-workflow';

import { isAfter } from './event-id-order';

/** One event as the trigger outputs it, with the stream id it is resumed by. */
export interface StreamEvent {
	/** The SSE `id` (the event's `event_id`); undefined only for a malformed event that had none. */
	id: string | undefined;
	json: IDataObject;
}

/** What one workflow execution receives: a single event, or a batch of events. */
export interface DeliveryUnit {
	events: StreamEvent[];
}

export type OutputMode = 'eachEvent' | 'batch';

/**
 * Groups parsed events into the units n8n executes. Live, a batch is what one read of the stream
 * brought, at most `batchSize` events, so nothing waits for more data.
 *
 * After a restart the trigger replays the unit that was in flight when it stopped (n8n may or may
 * not have stored its execution). That unit must come out exactly as before — same events — so that
 * n8n's execution deduplication key recognises it: events up to `inFlightUntil` (its last id) are held,
 * even across reads, until that id arrives or is passed.
 */
export class UnitAssembler {
	private pending: StreamEvent[] = [];

	constructor(
		private readonly mode: OutputMode,
		private readonly batchSize: number,
		private inFlightUntil?: string,
	) {}

	add(event: StreamEvent): void {
		this.pending.push(event);
	}

	/** The units that are complete once everything read so far has been parsed. */
	takeReady(): DeliveryUnit[] {
		if (this.mode === 'eachEvent') return this.takeAll();
		if (this.inFlightUntil === undefined) return this.takeAll();
		const cut = this.replayCut(this.inFlightUntil);
		if (cut === undefined) return this.pending.length >= this.batchSize ? this.endReplay() : [];
		const replayed = this.pending.splice(0, cut);
		this.inFlightUntil = undefined;
		return [...batches(replayed, this.batchSize), ...this.takeAll()];
	}

	/** The server went quiet (heartbeat): whatever the replay held is all there is. */
	releaseHeld(): DeliveryUnit[] {
		return this.inFlightUntil === undefined ? [] : this.endReplay();
	}

	/** The connection ended: undelivered events come again after `Last-Event-ID`. */
	discard(): void {
		this.pending = [];
	}

	private endReplay(): DeliveryUnit[] {
		this.inFlightUntil = undefined;
		return this.takeAll();
	}

	private takeAll(): DeliveryUnit[] {
		if (this.pending.length === 0) return [];
		const events = this.pending;
		this.pending = [];
		return this.mode === 'eachEvent'
			? events.map((event) => ({ events: [event] }))
			: batches(events, this.batchSize);
	}

	/** How many held events belong to the replayed unit, once its end is known. */
	private replayCut(lastId: string): number | undefined {
		for (let index = 0; index < this.pending.length; index++) {
			const id = this.pending[index].id;
			if (id === lastId) return index + 1;
			if (id !== undefined && isAfter(id, lastId)) return index;
		}
		return undefined;
	}
}

function batches(events: StreamEvent[], size: number): DeliveryUnit[] {
	const units: DeliveryUnit[] = [];
	for (let start = 0; start < events.length; start += size)
		units.push({ events: events.slice(start, start + size) });
	return units;
}
