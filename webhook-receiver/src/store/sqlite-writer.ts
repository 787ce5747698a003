/**
 * The store's single SQLite writer: runs write batches, one transaction each, and checkpoints the
 * WAL between them. It runs either in a worker thread of its own (`groupCommit.thread: 'worker'`,
 * the default), where a commit never holds up HTTP handling, or on the main thread
 * ('main') — see write-pipeline.ts for what each costs.
 *
 * In tests this file is loaded straight from source — as the worker's entry point and by the main
 * thread's `require` — with Node stripping the types and nothing else. It therefore loads only Node
 * built-ins, through `require` (the CommonJS Node expects here), exports through `module.exports`,
 * and uses only erasable syntax: no enums, no parameter properties.
 */
import type { DatabaseSync as Database } from 'node:sqlite';
import type { MessagePort } from 'node:worker_threads';

import type {
	BatchWriter,
	Durability,
	OpResult,
	OpValue,
	WriteOp,
	WriteReply,
	WriteRequest,
	WriterData,
} from './write-ops';

const { DatabaseSync }: typeof import('node:sqlite') = require('node:sqlite');
const {
	parentPort,
	workerData,
}: typeof import('node:worker_threads') = require('node:worker_threads');

/** Writes between WAL checkpoints: keeps the WAL to a few MB, like SQLite's default of 1000 pages. */
const OPS_PER_CHECKPOINT = 2000;

/** Error text stored per attempt is for humans; cap it so a chatty target cannot bloat the file. */
const MAX_ERROR_LENGTH = 500;

function prepareStatements(db: Database) {
	return {
		insertDelivery: db.prepare(
			`INSERT INTO deliveries (delivery_id, webhook_id, event_type, index_id, body, received_at, attempt_id, created_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (webhook_id, delivery_id) DO NOTHING`,
		),
		insertForward: db.prepare(
			`INSERT INTO forwards (target, delivery_seq, state, attempts, next_attempt_at, updated_at) VALUES (?, ?, 'pending', 0, ?, ?)`,
		),
		updateForward: db.prepare(
			`UPDATE forwards SET state = ?, attempts = ?, next_attempt_at = ?, last_status = ?, last_error = ?,
			 updated_at = ?, delivered_at = ? WHERE target = ? AND delivery_seq = ?`,
		),
		replay: db.prepare(
			`UPDATE forwards SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?
			 WHERE state = 'dead' AND (? IS NULL OR target = ?)
			   AND (? IS NULL OR delivery_seq IN (SELECT seq FROM deliveries WHERE delivery_id = ?))
			 RETURNING target, delivery_seq`,
		),
		// An id is forgotten only once its envelope is too old to be accepted again (see
		// shared/webhooks/replay-rule.ts): both receipt and signed creation precede the cutoff.
		prunable: db.prepare(
			`SELECT seq FROM deliveries d WHERE d.received_at < ?1 AND coalesce(d.created_at, d.received_at) < ?1
			   AND NOT EXISTS (SELECT 1 FROM forwards f WHERE f.delivery_seq = d.seq AND f.state <> 'delivered')
			 ORDER BY seq LIMIT ?2`,
		),
		deleteForwards: db.prepare(`DELETE FROM forwards WHERE delivery_seq = ?`),
		pruneDead: db.prepare(
			`DELETE FROM forwards WHERE (target, delivery_seq) IN
			   (SELECT target, delivery_seq FROM forwards WHERE state = 'dead' AND updated_at < ? LIMIT ?)`,
		),
		deleteDelivery: db.prepare(`DELETE FROM deliveries WHERE seq = ?`),
	};
}

/** Runs write batches against one connection, each batch one transaction. */
class SqliteWriter {
	private readonly db: Database;
	private readonly statements: ReturnType<typeof prepareStatements>;
	private mode: Durability | undefined;

	constructor(db: Database) {
		this.db = db;
		this.statements = prepareStatements(db);
	}

	/**
	 * All ops in one transaction; if one throws, the batch is rolled back and every op is retried
	 * in a transaction of its own, so one bad write does not fail its neighbours.
	 */
	runBatch(ops: readonly WriteOp[], durability: Durability): OpResult[] {
		this.setMode(durability);
		try {
			return this.transaction(() => ops.map((op): OpResult => ({ ok: true, value: this.run(op) })));
		} catch (error) {
			if (ops.length === 1) return [{ ok: false, error: String(error) }];
			return ops.map((op) => {
				try {
					return { ok: true, value: this.transaction(() => this.run(op)) };
				} catch (single) {
					return { ok: false, error: String(single) };
				}
			});
		}
	}

	/** One fsync covers the whole WAL, so a full commit also makes earlier relaxed ones durable. */
	private setMode(durability: Durability): void {
		if (durability === this.mode) return;
		this.db.exec(`PRAGMA synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
		this.mode = durability;
	}

	private transaction<T>(body: () => T): T {
		this.db.exec('BEGIN IMMEDIATE');
		try {
			const result = body();
			this.db.exec('COMMIT');
			return result;
		} catch (error) {
			if (this.db.isTransaction) this.db.exec('ROLLBACK');
			throw error;
		}
	}

	private run(op: WriteOp): OpValue {
		const st = this.statements;
		switch (op.kind) {
			case 'insert': {
				const result = st.insertDelivery.run(
					op.deliveryId,
					op.webhookId,
					op.eventType,
					op.indexId,
					op.body,
					op.receivedAt,
					op.attemptId,
					op.createdAt,
				);
				if (result.changes === 0) return null;
				const seq = Number(result.lastInsertRowid);
				for (const target of new Set(op.targets))
					st.insertForward.run(target, seq, op.receivedAt, op.receivedAt);
				return seq;
			}
			case 'updateForward':
				st.updateForward.run(
					op.state,
					op.attempts,
					op.nextAttemptAt,
					op.status,
					op.error === null ? null : op.error.slice(0, MAX_ERROR_LENGTH),
					op.at,
					op.deliveredAt,
					op.target,
					op.seq,
				);
				return null;
			case 'replay': {
				const rows = st.replay.all(
					op.at,
					op.at,
					op.target,
					op.target,
					op.deliveryId,
					op.deliveryId,
				) as Array<Record<string, unknown>>;
				return rows.map((row) => ({ target: String(row.target), seq: Number(row.delivery_seq) }));
			}
			case 'prune': {
				const rows = st.prunable.all(op.receivedBefore, op.limit) as Array<{ seq: number }>;
				for (const row of rows) {
					st.deleteForwards.run(row.seq);
					st.deleteDelivery.run(row.seq);
				}
				return rows.length;
			}
			case 'pruneDead':
				return Number(st.pruneDead.run(op.deadBefore, op.limit).changes);
		}
	}
}

/** Opens the writer's own connection to `file` (already prepared by the store). */
function openBatchWriter(data: WriterData): BatchWriter {
	const db = new DatabaseSync(data.file);
	db.exec('PRAGMA busy_timeout = 5000');
	db.exec('PRAGMA foreign_keys = ON');
	// SQLite would checkpoint inside a COMMIT, holding back that batch's acknowledgements for the
	// whole copy; instead the WAL is checkpointed by `checkpointIfDue`, after the replies went out.
	db.exec('PRAGMA wal_autocheckpoint = 0');
	// After a checkpoint, SQLite truncates the WAL file back to this size when it next restarts it.
	db.exec(`PRAGMA journal_size_limit = ${Math.floor(data.walSizeLimitBytes)}`);
	const writer = new SqliteWriter(db);
	let opsSinceCheckpoint = 0;
	let bytesSinceCheckpoint = 0;
	return {
		handle(request: WriteRequest): WriteReply {
			opsSinceCheckpoint += request.ops.length;
			for (const op of request.ops)
				if (op.kind === 'insert') bytesSinceCheckpoint += op.body.byteLength;
			return { id: request.id, results: writer.runBatch(request.ops, request.durability) };
		},
		checkpointIfDue(background?: () => boolean): void {
			// By count (small rows) or by bytes (large bodies), so the WAL never outgrows its limit by much.
			if (
				opsSinceCheckpoint < OPS_PER_CHECKPOINT &&
				bytesSinceCheckpoint < data.walSizeLimitBytes / 2
			)
				return;
			// Handed to a checkpoint thread when there is one, unless the WAL is already at its limit
			// (the thread fell behind): then this writer checkpoints itself before it writes on.
			const handedOff = bytesSinceCheckpoint < data.walSizeLimitBytes && background?.() === true;
			opsSinceCheckpoint = 0;
			bytesSinceCheckpoint = 0;
			if (!handedOff) db.exec('PRAGMA wal_checkpoint(PASSIVE)');
		},
		close(): void {
			db.close();
		},
	};
}

module.exports.openBatchWriter = openBatchWriter;

const port = parentPort;
const threadData = workerData as (WriterData & { replyPort: MessagePort }) | undefined;
if (port !== null && threadData?.file !== undefined) {
	const writer = openBatchWriter(threadData);
	// Replies go on their own channel, which the main thread can read synchronously (worker-executor.ts).
	const replies = threadData.replyPort;
	port.on('message', (message: WriteRequest | 'close') => {
		if (message === 'close') {
			writer.close();
			replies.close();
			port.close();
			return;
		}
		replies.postMessage(writer.handle(message));
		writer.checkpointIfDue();
	});
}
