import type { ForwardState } from './delivery-store';

/**
 * The messages between the store and its writer. Plain data only: with the writer on a thread of
 * its own they cross a worker_threads boundary by structured clone.
 */

/**
 * `full`: fsynced before the promise settles (survives a power cut) — accepted deliveries.
 * `relaxed`: written to the WAL without waiting for the disk (survives a crash or kill -9 of the
 * process, not a power cut) — forwarding progress, where a lost update only means a re-send.
 */
export type Durability = 'full' | 'relaxed';

export interface InsertOp {
	kind: 'insert';
	deliveryId: string;
	webhookId: string;
	eventType: string;
	indexId: string | null;
	body: Uint8Array;
	receivedAt: number;
	attemptId: string | null;
	createdAt: number | null;
	targets: readonly string[];
}

export interface UpdateForwardOp {
	kind: 'updateForward';
	state: ForwardState;
	target: string;
	seq: number;
	attempts: number;
	nextAttemptAt: number | null;
	status: number | null;
	error: string | null;
	at: number;
	deliveredAt: number | null;
}

export interface ReplayOp {
	kind: 'replay';
	at: number;
	target: string | null;
	deliveryId: string | null;
}

export interface PruneOp {
	kind: 'prune';
	receivedBefore: number;
	limit: number;
}

export interface PruneDeadOp {
	kind: 'pruneDead';
	deadBefore: number;
	limit: number;
}

export type WriteOp = InsertOp | UpdateForwardOp | ReplayOp | PruneOp | PruneDeadOp;

/** What each op returns: insert → seq or null (duplicate); replay → rows; prune → count; update → null. */
export type OpValue = number | null | Array<{ target: string; seq: number }>;

export type OpResult = { ok: true; value: OpValue } | { ok: false; error: string };

export interface WriteRequest {
	id: number;
	durability: Durability;
	ops: WriteOp[];
}

export interface WriteReply {
	id: number;
	results: OpResult[];
}

export interface WriterData {
	file: string;
	/** The WAL is checkpointed and truncated back to this size whenever it has grown past half of it. */
	walSizeLimitBytes: number;
}

/** The SQLite writer, wherever it runs (sqlite-writer.ts). */
export interface BatchWriter {
	/** Runs the batch as one transaction (see SqliteWriter.runBatch). */
	handle(request: WriteRequest): WriteReply;
	/**
	 * Checkpoints the WAL when enough was written since the last time; called after replying.
	 * `background` hands the checkpoint to another thread (false: it could not, do it here).
	 */
	checkpointIfDue(background?: () => boolean): void;
	close(): void;
}
