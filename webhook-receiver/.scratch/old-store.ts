import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

import type {
	AttemptRecord,
	DeadLetter,
	DeadLetterQuery,
	DeliveryRecord,
	DeliveryStore,
	ForwardRecord,
	ForwardState,
	InsertOutcome,
	NewDelivery,
	PendingForward,
	ReplaySelector,
	TargetDepth,
} from '../src/store/delivery-store';
import { GroupCommitQueue, type GroupCommitOptions } from './old-group-commit';
import { prepareDatabase } from '../src/store/sqlite-schema';

type Row = Record<string, unknown>;

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const strOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const bytes = (value: unknown): Uint8Array => (value instanceof Uint8Array ? value : new Uint8Array());

/** Error text stored per attempt is for humans; cap it so a chatty target cannot bloat the file. */
const MAX_ERROR_LENGTH = 500;
const clip = (text: string | undefined): string | null => (text === undefined ? null : text.slice(0, MAX_ERROR_LENGTH));

export interface SqliteDeliveryStoreOptions {
	/** Database file; its directory is created when missing. */
	file: string;
	groupCommit: GroupCommitOptions;
}

/** `DeliveryStore` in one SQLite file (node:sqlite), writes group-committed. */
export class SqliteDeliveryStore implements DeliveryStore {
	private readonly db: DatabaseSync;
	private readonly writes: GroupCommitQueue;
	private readonly statements: ReturnType<SqliteDeliveryStore['prepareStatements']>;

	constructor(options: SqliteDeliveryStoreOptions) {
		mkdirSync(dirname(options.file), { recursive: true });
		this.db = new DatabaseSync(options.file);
		prepareDatabase(this.db);
		this.statements = this.prepareStatements();
		this.writes = new GroupCommitQueue(this.db, options.groupCommit);
	}

	private prepareStatements() {
		const db = this.db;
		const forwardUpdate = (state: ForwardState): StatementSync =>
			db.prepare(
				`UPDATE forwards SET state = '${state}', attempts = ?, next_attempt_at = ?, last_status = ?, last_error = ?,
				 updated_at = ?, delivered_at = ? WHERE target = ? AND delivery_seq = ?`,
			);
		const forwardColumns = `f.target, f.delivery_seq, f.attempts, f.last_status, f.last_error, f.updated_at,
			d.delivery_id, d.event_type, d.received_at`;
		return {
			insertDelivery: db.prepare(
				`INSERT INTO deliveries (delivery_id, webhook_id, event_type, index_id, body, received_at, attempt_id)
				 VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING`,
			),
			insertForward: db.prepare(
				`INSERT INTO forwards (target, delivery_seq, state, attempts, next_attempt_at, updated_at) VALUES (?, ?, 'pending', 0, ?, ?)`,
			),
			pending: db.prepare(
				`SELECT f.delivery_seq, f.attempts, f.next_attempt_at, d.delivery_id, d.event_type, d.body, d.received_at
				 FROM forwards f JOIN deliveries d ON d.seq = f.delivery_seq
				 WHERE f.target = ? AND f.state = 'pending' ORDER BY f.delivery_seq LIMIT ?`,
			),
			delivered: forwardUpdate('delivered'),
			retrying: forwardUpdate('pending'),
			dead: forwardUpdate('dead'),
			deadLetters: db.prepare(
				`SELECT ${forwardColumns} FROM forwards f JOIN deliveries d ON d.seq = f.delivery_seq
				 WHERE f.state = 'dead' AND (f.delivery_seq > ? OR (f.delivery_seq = ? AND f.target > ?)) AND (? IS NULL OR f.target = ?)
				 ORDER BY f.delivery_seq, f.target LIMIT ?`,
			),
			replay: db.prepare(
				`UPDATE forwards SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?
				 WHERE state = 'dead' AND (? IS NULL OR target = ?)
				   AND (? IS NULL OR delivery_seq = (SELECT seq FROM deliveries WHERE delivery_id = ?))
				 RETURNING target, delivery_seq`,
			),
			delivery: db.prepare(`SELECT * FROM deliveries WHERE delivery_id = ?`),
			forwardsOf: db.prepare(`SELECT * FROM forwards WHERE delivery_seq = ? ORDER BY target`),
			prunable: db.prepare(
				`SELECT seq FROM deliveries d WHERE d.received_at < ?
				   AND NOT EXISTS (SELECT 1 FROM forwards f WHERE f.delivery_seq = d.seq AND f.state <> 'delivered')
				 ORDER BY seq LIMIT ?`,
			),
			deleteForwards: db.prepare(`DELETE FROM forwards WHERE delivery_seq = ?`),
			deleteDelivery: db.prepare(`DELETE FROM deliveries WHERE seq = ?`),
			depth: db.prepare(`SELECT target, COUNT(*) AS pending FROM forwards WHERE state = 'pending' GROUP BY target ORDER BY target`),
		};
	}

	insert(delivery: NewDelivery): Promise<InsertOutcome> {
		return this.writes.submit((): InsertOutcome => {
			const result = this.statements.insertDelivery.run(
				delivery.deliveryId,
				delivery.webhookId,
				delivery.eventType,
				delivery.indexId,
				delivery.body,
				delivery.receivedAt,
				delivery.attemptId,
			);
			if (result.changes === 0) return { status: 'duplicate' };
			const seq = Number(result.lastInsertRowid);
			for (const target of new Set(delivery.targets)) {
				this.statements.insertForward.run(target, seq, delivery.receivedAt, delivery.receivedAt);
			}
			return { status: 'stored', seq };
		});
	}

	async pendingForTarget(target: string, limit: number): Promise<PendingForward[]> {
		const rows = this.statements.pending.all(target, limit) as Row[];
		return rows.map((row) => ({
			target,
			seq: num(row.delivery_seq),
			deliveryId: String(row.delivery_id),
			eventType: String(row.event_type),
			body: bytes(row.body),
			receivedAt: num(row.received_at),
			attempts: num(row.attempts),
			nextAttemptAt: num(row.next_attempt_at),
		}));
	}

	private update(statement: StatementSync, target: string, seq: number, attempt: AttemptRecord, nextAttemptAt: number | null, deliveredAt: number | null) {
		// Losing forwarding progress in a power cut only repeats a forward, so it skips the fsync wait.
		return this.writes.submit(() => {
			statement.run(attempt.attempts, nextAttemptAt, attempt.status ?? null, clip(attempt.error), attempt.at, deliveredAt, target, seq);
		}, 'relaxed');
	}

	markDelivered(target: string, seq: number, attempt: AttemptRecord): Promise<void> {
		return this.update(this.statements.delivered, target, seq, attempt, null, attempt.at);
	}

	markRetrying(target: string, seq: number, attempt: AttemptRecord & { nextAttemptAt: number }): Promise<void> {
		return this.update(this.statements.retrying, target, seq, attempt, attempt.nextAttemptAt, null);
	}

	markDead(target: string, seq: number, attempt: AttemptRecord): Promise<void> {
		return this.update(this.statements.dead, target, seq, attempt, null, null);
	}

	async listDeadLetters(options: DeadLetterQuery): Promise<DeadLetter[]> {
		const target = options.target ?? null;
		const after = options.after ?? { seq: 0, target: '' };
		const rows = this.statements.deadLetters.all(after.seq, after.seq, after.target, target, target, options.limit) as Row[];
		return rows.map((row) => ({
			target: String(row.target),
			seq: num(row.delivery_seq),
			deliveryId: String(row.delivery_id),
			eventType: String(row.event_type),
			receivedAt: num(row.received_at),
			attempts: num(row.attempts),
			lastStatus: numOrNull(row.last_status),
			lastError: strOrNull(row.last_error),
			deadAt: num(row.updated_at),
		}));
	}

	replay(selector: ReplaySelector, at: number): Promise<Array<{ target: string; seq: number }>> {
		const target = selector.target ?? null;
		const deliveryId = selector.deliveryId ?? null;
		return this.writes.submit(() => {
			const rows = this.statements.replay.all(at, at, target, target, deliveryId, deliveryId) as Row[];
			return rows.map((row) => ({ target: String(row.target), seq: num(row.delivery_seq) }));
		});
	}

	async findDelivery(deliveryId: string): Promise<DeliveryRecord | undefined> {
		const row = this.statements.delivery.get(deliveryId) as Row | undefined;
		if (row === undefined) return undefined;
		const seq = num(row.seq);
		const forwards = (this.statements.forwardsOf.all(seq) as Row[]).map(
			(forward): ForwardRecord => ({
				target: String(forward.target),
				state: String(forward.state) as ForwardState,
				attempts: num(forward.attempts),
				nextAttemptAt: numOrNull(forward.next_attempt_at),
				lastStatus: numOrNull(forward.last_status),
				lastError: strOrNull(forward.last_error),
				updatedAt: num(forward.updated_at),
				deliveredAt: numOrNull(forward.delivered_at),
			}),
		);
		return {
			seq,
			deliveryId: String(row.delivery_id),
			webhookId: String(row.webhook_id),
			eventType: String(row.event_type),
			indexId: strOrNull(row.index_id),
			receivedAt: num(row.received_at),
			attemptId: strOrNull(row.attempt_id),
			body: bytes(row.body),
			forwards,
		};
	}

	async queueDepth(): Promise<TargetDepth[]> {
		return (this.statements.depth.all() as Row[]).map((row) => ({ target: String(row.target), pending: num(row.pending) }));
	}

	prune(receivedBefore: number, limit: number): Promise<number> {
		// Forgetting is not worth an fsync: if a power cut undoes it, the next pass deletes again.
		return this.writes.submit(() => {
			const rows = this.statements.prunable.all(receivedBefore, limit) as Row[];
			for (const row of rows) {
				this.statements.deleteForwards.run(row.seq as number);
				this.statements.deleteDelivery.run(row.seq as number);
			}
			return rows.length;
		}, 'relaxed');
	}

	async close(): Promise<void> {
		this.writes.close();
		this.db.close();
	}
}
