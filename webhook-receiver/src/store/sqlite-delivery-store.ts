import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import type {
	AttemptRecord,
	DeadLetter,
	DeadLetterQuery,
	DeliveryRecord,
	DeliveryStore,
	ForwardState,
	InsertOutcome,
	NewDelivery,
	PendingForward,
	ReplaySelector,
	TargetDepth,
} from './delivery-store';
import { lockDataDir } from './data-dir-lock';
import { prepareDatabase } from './sqlite-schema';
import { deadLetterFromRow, deliveryFromRow, pendingFromRow, type Row } from './store-rows';
import { WritePipeline, type GroupCommitOptions } from './write-pipeline';

export interface SqliteDeliveryStoreOptions {
	/** Database file; its directory is created when missing. */
	file: string;
	groupCommit: GroupCommitOptions;
	/** See WriterData.walSizeLimitBytes. Default 64 MiB. */
	walSizeLimitBytes?: number;
}

const DEFAULT_WAL_SIZE_LIMIT = 64 * 1024 * 1024;

function prepareReads(db: DatabaseSync) {
	return {
		// Without INDEXED BY, SQLite walks the primary key (target, delivery_seq) through every
		// delivered row of the target — a week of history on each read. (Measured: 13 % of the
		// main thread in bench/receiver.ts.) The partial index holds only pending rows.
		pending: db.prepare(
			`SELECT f.delivery_seq, f.attempts, f.next_attempt_at, d.delivery_id, d.event_type, d.body, d.received_at
			 FROM forwards f INDEXED BY forwards_pending JOIN deliveries d ON d.seq = f.delivery_seq
			 WHERE f.target = ? AND f.state = 'pending' ORDER BY f.delivery_seq LIMIT ?`,
		),
		deadLetters: db.prepare(
			`SELECT f.target, f.delivery_seq, f.attempts, f.last_status, f.last_error, f.updated_at, d.delivery_id, d.event_type, d.received_at
			 FROM forwards f JOIN deliveries d ON d.seq = f.delivery_seq
			 WHERE f.state = 'dead' AND (f.delivery_seq > ? OR (f.delivery_seq = ? AND f.target > ?)) AND (? IS NULL OR f.target = ?)
			 ORDER BY f.delivery_seq, f.target LIMIT ?`,
		),
		// Ids are unique per subscription; the look-up shows the most recent.
		delivery: db.prepare(
			`SELECT * FROM deliveries WHERE delivery_id = ? ORDER BY seq DESC LIMIT 1`,
		),
		forwardsOf: db.prepare(`SELECT * FROM forwards WHERE delivery_seq = ? ORDER BY target`),
		depth: db.prepare(
			`SELECT target, COUNT(*) AS pending FROM forwards WHERE state = 'pending' GROUP BY target ORDER BY target`,
		),
	};
}

/**
 * `DeliveryStore` in one SQLite file (node:sqlite). Reads run on this thread (WAL readers never
 * wait for the writer); writes are group-committed by the writer (`write-pipeline.ts`).
 */
export class SqliteDeliveryStore implements DeliveryStore {
	private readonly db: DatabaseSync;
	private readonly reads: ReturnType<typeof prepareReads>;
	private readonly writes: WritePipeline;
	private readonly unlock: () => void;

	constructor(options: SqliteDeliveryStoreOptions) {
		mkdirSync(dirname(options.file), { recursive: true });
		// One writer process per file: a second receiver on the same directory refuses to start.
		this.unlock = lockDataDir(dirname(options.file));
		try {
			this.db = new DatabaseSync(options.file);
			prepareDatabase(this.db);
			this.reads = prepareReads(this.db);
			this.writes = new WritePipeline(
				{
					file: options.file,
					walSizeLimitBytes: options.walSizeLimitBytes ?? DEFAULT_WAL_SIZE_LIMIT,
				},
				options.groupCommit,
			);
		} catch (error) {
			this.unlock();
			throw error;
		}
	}

	/** Transactions committed so far (for tests observing group commit). */
	get commitBatches(): number {
		return this.writes.batches;
	}

	async insert(delivery: NewDelivery): Promise<InsertOutcome> {
		const seq = await this.writes.submit({ kind: 'insert', ...delivery });
		return typeof seq === 'number' ? { status: 'stored', seq } : { status: 'duplicate' };
	}

	async pendingForTarget(target: string, limit: number): Promise<PendingForward[]> {
		const rows = this.reads.pending.all(target, limit) as Row[];
		return rows.map((row) => pendingFromRow(target, row));
	}

	private async updateForward(
		state: ForwardState,
		target: string,
		seq: number,
		attempt: AttemptRecord,
		nextAttemptAt: number | null,
	): Promise<void> {
		// Losing forwarding progress in a power cut only repeats a forward, so it skips the fsync wait.
		await this.writes.submit(
			{
				kind: 'updateForward',
				state,
				target,
				seq,
				attempts: attempt.attempts,
				nextAttemptAt,
				status: attempt.status ?? null,
				error: attempt.error ?? null,
				at: attempt.at,
				deliveredAt: state === 'delivered' ? attempt.at : null,
			},
			'relaxed',
		);
	}

	markDelivered(target: string, seq: number, attempt: AttemptRecord): Promise<void> {
		return this.updateForward('delivered', target, seq, attempt, null);
	}

	markRetrying(
		target: string,
		seq: number,
		attempt: AttemptRecord & { nextAttemptAt: number },
	): Promise<void> {
		return this.updateForward('pending', target, seq, attempt, attempt.nextAttemptAt);
	}

	markDead(target: string, seq: number, attempt: AttemptRecord): Promise<void> {
		return this.updateForward('dead', target, seq, attempt, null);
	}

	async listDeadLetters(options: DeadLetterQuery): Promise<DeadLetter[]> {
		const target = options.target ?? null;
		const after = options.after ?? { seq: 0, target: '' };
		const rows = this.reads.deadLetters.all(
			after.seq,
			after.seq,
			after.target,
			target,
			target,
			options.limit,
		) as Row[];
		return rows.map(deadLetterFromRow);
	}

	async replay(
		selector: ReplaySelector,
		at: number,
	): Promise<Array<{ target: string; seq: number }>> {
		// An operator's action: made durable, so a power cut right after cannot silently undo it.
		const rows = await this.writes.submit({
			kind: 'replay',
			at,
			target: selector.target ?? null,
			deliveryId: selector.deliveryId ?? null,
		});
		return Array.isArray(rows) ? rows : [];
	}

	async findDelivery(deliveryId: string): Promise<DeliveryRecord | undefined> {
		const row = this.reads.delivery.get(deliveryId) as Row | undefined;
		if (row === undefined) return undefined;
		return deliveryFromRow(row, this.reads.forwardsOf.all(Number(row.seq)) as Row[]);
	}

	async queueDepth(): Promise<TargetDepth[]> {
		return (this.reads.depth.all() as Row[]).map((row) => ({
			target: String(row.target),
			pending: Number(row.pending),
		}));
	}

	async prune(receivedBefore: number, limit: number): Promise<number> {
		// Forgetting is not worth an fsync: if a power cut undoes it, the next pass deletes again.
		const removed = await this.writes.submit({ kind: 'prune', receivedBefore, limit }, 'relaxed');
		return typeof removed === 'number' ? removed : 0;
	}

	/** The writer's fatal error once it has died (see DeliveryStore.writerFailure). */
	writerFailure(): Error | undefined {
		return this.writes.failed;
	}

	onWriterFailure(listener: (error: Error) => void): void {
		this.writes.onFailure = listener;
	}

	/** Kills the writer thread as a crash would; only the failure-path tests call this. */
	killWriterForTests(): Promise<void> {
		return this.writes.killWriter();
	}

	async pruneDeadLetters(deadBefore: number, limit: number): Promise<number> {
		const removed = await this.writes.submit({ kind: 'pruneDead', deadBefore, limit }, 'relaxed');
		return typeof removed === 'number' ? removed : 0;
	}

	async close(): Promise<void> {
		try {
			await this.writes.close();
			this.db.close();
		} finally {
			this.unlock();
		}
	}
}
