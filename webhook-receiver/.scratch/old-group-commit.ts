import type { DatabaseSync } from 'node:sqlite';

export interface GroupCommitOptions {
	/** Most operations in one transaction. */
	maxBatch: number;
	/** 0 = commit what arrived in this event-loop turn (setImmediate); otherwise wait this many ms. */
	windowMs: number;
}

/**
 * `full`: fsynced before the promise settles (survives a power cut) — accepted deliveries.
 * `relaxed`: written to the WAL without waiting for the disk (survives a crash or kill -9 of the
 * process, not a power cut) — forwarding progress, where a lost update only means a re-send.
 */
export type Durability = 'full' | 'relaxed';

interface QueuedWrite {
	run: () => unknown;
	durability: Durability;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

/**
 * Group commit: with synchronous=FULL every COMMIT costs an fsync, which caps one-row transactions
 * at a few thousand per second. Writes submitted close together are run in one transaction and
 * each caller's promise settles only after that transaction is durable, so an acknowledgement
 * still implies "on disk" while the fsync is shared by the whole batch.
 *
 * Runs on the event loop thread: DatabaseSync is synchronous, so no other code can observe a
 * half-written batch, and reads outside the queue always see committed state.
 */
export class GroupCommitQueue {
	private queue: QueuedWrite[] = [];
	private scheduled: NodeJS.Immediate | NodeJS.Timeout | undefined;
	private closed = false;
	private mode: Durability | undefined;

	constructor(
		private readonly db: DatabaseSync,
		private readonly options: GroupCommitOptions,
	) {}

	/** Runs `write` inside the next group transaction; resolves with its result after COMMIT. */
	submit<T>(write: () => T, durability: Durability = 'full'): Promise<T> {
		if (this.closed) return Promise.reject(new Error('The delivery store is closed'));
		return new Promise<T>((resolve, reject) => {
			this.queue.push({ run: write, durability, resolve: resolve as (value: unknown) => void, reject });
			if (this.queue.length >= this.options.maxBatch) this.flush();
			else this.schedule();
		});
	}

	/** Commits everything queued now. */
	flush(): void {
		this.cancelSchedule();
		while (this.queue.length > 0) this.commit(this.queue.splice(0, this.options.maxBatch));
	}

	close(): void {
		this.flush();
		this.closed = true;
	}

	private schedule(): void {
		if (this.scheduled !== undefined) return;
		this.scheduled = this.options.windowMs === 0 ? setImmediate(() => this.flush()) : setTimeout(() => this.flush(), this.options.windowMs);
	}

	private cancelSchedule(): void {
		if (this.scheduled === undefined) return;
		clearImmediate(this.scheduled as NodeJS.Immediate);
		clearTimeout(this.scheduled as NodeJS.Timeout);
		this.scheduled = undefined;
	}

	/** One fsync covers the whole WAL, so a full commit also makes earlier relaxed ones durable. */
	private setMode(batch: readonly QueuedWrite[]): void {
		const wanted: Durability = batch.some((write) => write.durability === 'full') ? 'full' : 'relaxed';
		if (wanted === this.mode) return;
		this.db.exec(`PRAGMA synchronous = ${wanted === 'full' ? 'FULL' : 'NORMAL'}`);
		this.mode = wanted;
	}

	private commit(batch: QueuedWrite[]): void {
		const results: unknown[] = [];
		try {
			this.setMode(batch);
			this.db.exec('BEGIN IMMEDIATE');
			for (const write of batch) results.push(write.run());
			this.db.exec('COMMIT');
		} catch (error) {
			this.rollback();
			// One bad write must not fail its neighbours: retry them one transaction each.
			if (batch.length > 1) {
				for (const write of batch) this.commit([write]);
			} else {
				batch[0]?.reject(error);
			}
			return;
		}
		batch.forEach((write, index) => write.resolve(results[index]));
	}

	private rollback(): void {
		try {
			if (this.db.isTransaction) this.db.exec('ROLLBACK');
		} catch {
			// The transaction is already gone (SQLite rolls back by itself on some errors).
		}
	}
}
