import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { Client, Pool, type PoolConfig } from 'pg';

import { errorText } from '../log/error-text';
import type { Logger } from '../log/logger';
import {
	LaneLostError,
	type AttemptRecord,
	type DeadLetter,
	type DeadLetterQuery,
	type DeliveryRecord,
	type DeliveryStore,
	type ForwardState,
	type InsertOutcome,
	type NewDelivery,
	type PendingForward,
	type ReplaySelector,
	type TargetDepth,
} from './delivery-store';
import { PostgresLaneLeases } from './postgres-lane-leases';
import { migratePostgres } from './postgres-schema';
import { deadLetterFromRow, deliveryFromRow, pendingFromRow, type Row } from './store-rows';

/** The NOTIFY channel on which replicas tell each other that a target has new events. */
const WORK_CHANNEL = 'videovector_receiver_work';
/** Connections per pool and replica: enough concurrent commits for PostgreSQL to group their flushes. */
const POOL_SIZE = 10;
const LISTEN_RETRY_MS = 1_000;

// One statement, so one round trip and one commit: the delivery, then a forward per target.
const INSERT = `
WITH d AS (
	INSERT INTO deliveries (delivery_id, webhook_id, event_type, index_id, body, received_at, attempt_id, created_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
	ON CONFLICT (delivery_id, webhook_id) DO NOTHING
	RETURNING seq
), f AS (
	INSERT INTO forwards (target, delivery_seq, state, attempts, next_attempt_at, updated_at)
	SELECT t, d.seq, 'pending', 0, $6, $6 FROM d CROSS JOIN unnest($9::text[]) AS t
)
SELECT seq::text AS seq FROM d`;

const PENDING = `
SELECT f.delivery_seq, f.attempts, f.next_attempt_at, d.delivery_id, d.event_type, d.body, d.received_at
FROM forwards f JOIN deliveries d ON d.seq = f.delivery_seq
WHERE f.target = $1 AND f.state = 'pending' ORDER BY f.delivery_seq LIMIT $2`;

// Fenced: only the replica holding the lane at this epoch may record its outcomes.
const UPDATE_FORWARD = `
UPDATE forwards SET state = $1, attempts = $2, next_attempt_at = $3, last_status = $4, last_error = $5,
	updated_at = $6, delivered_at = $7
WHERE target = $8 AND delivery_seq = $9
	AND EXISTS (SELECT 1 FROM lanes l WHERE l.target = $8 AND l.owner = $10 AND l.epoch = $11)`;

const DEAD_LETTERS = `
SELECT f.target, f.delivery_seq, f.attempts, f.last_status, f.last_error, f.updated_at,
	d.delivery_id, d.event_type, d.received_at
FROM forwards f JOIN deliveries d ON d.seq = f.delivery_seq
WHERE f.state = 'dead' AND (f.delivery_seq > $1 OR (f.delivery_seq = $1 AND f.target > $2))
	AND ($3::text IS NULL OR f.target = $3)
ORDER BY f.delivery_seq, f.target LIMIT $4`;

const REPLAY = `
UPDATE forwards SET state = 'pending', attempts = 0, next_attempt_at = $1, updated_at = $1
WHERE state = 'dead' AND ($2::text IS NULL OR target = $2)
	AND ($3::text IS NULL OR delivery_seq IN (SELECT seq FROM deliveries WHERE delivery_id = $3))
RETURNING target, delivery_seq::text AS seq`;

// Same rule as the SQLite store: an id is forgotten only once its envelope is too old to be
// accepted again. Rows another replica is pruning right now are skipped, not waited for.
const PRUNE = `
WITH gone AS (
	SELECT seq FROM deliveries d
	WHERE d.received_at < $1 AND coalesce(d.created_at, d.received_at) < $1
		AND NOT EXISTS (SELECT 1 FROM forwards f WHERE f.delivery_seq = d.seq AND f.state <> 'delivered')
	ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED
), f AS (
	DELETE FROM forwards WHERE delivery_seq IN (SELECT seq FROM gone)
)
DELETE FROM deliveries WHERE seq IN (SELECT seq FROM gone)`;

const PRUNE_DEAD = `
DELETE FROM forwards WHERE (target, delivery_seq) IN
	(SELECT target, delivery_seq FROM forwards WHERE state = 'dead' AND updated_at < $1 LIMIT $2)`;

const MAX_ERROR_LENGTH = 500;

export interface PostgresDeliveryStoreOptions {
	/** postgres://user:password@host:port/database */
	url: string;
	/** See ReceiverConfig.laneLeaseMs. */
	laneLeaseMs: number;
	logger: Logger;
}

/**
 * `DeliveryStore` on a PostgreSQL database that several receiver replicas share. Any replica
 * stores (committed, synchronous_commit on, before the 2xx) and acknowledges; each target's lane is
 * sent by one replica at a time, the one holding its lease (postgres-lane-leases.ts), and an
 * outcome is recorded only while the recording replica still holds the lane. Forwarding progress
 * is written with synchronous_commit off, as the SQLite store writes it without an fsync: losing
 * it in a database crash only repeats a forward.
 */
export class PostgresDeliveryStore implements DeliveryStore {
	readonly leases: PostgresLaneLeases;
	private readonly remoteListeners: Array<(targets: readonly string[]) => void> = [];
	private listener: Client | undefined;
	private listenRetry: NodeJS.Timeout | undefined;
	private closed = false;
	/** Targets to announce to other replicas, gathered over one event-loop turn. */
	private readonly toAnnounce = new Set<string>();
	private announceScheduled = false;

	private constructor(
		private readonly durable: Pool,
		private readonly relaxed: Pool,
		private readonly options: PostgresDeliveryStoreOptions,
	) {
		const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
		this.leases = new PostgresLaneLeases(durable, owner, options.laneLeaseMs, options.logger);
	}

	/** Connects, migrates the schema (once, whichever replica comes first) and starts listening. */
	static async open(options: PostgresDeliveryStoreOptions): Promise<PostgresDeliveryStore> {
		const base: PoolConfig = {
			connectionString: options.url,
			max: POOL_SIZE,
			application_name: 'videovector-receiver',
		};
		const durable = new Pool(base);
		const relaxed = new Pool({ ...base, options: '-c synchronous_commit=off' });
		// An idle client that loses its server must not crash the process; the next query reports it.
		for (const pool of [durable, relaxed])
			pool.on('error', (error) =>
				options.logger.warn('store.connection_error', { error: errorText(error) }),
			);
		try {
			await migratePostgres(durable);
		} catch (error) {
			await Promise.all([durable.end(), relaxed.end()]);
			throw error;
		}
		const store = new PostgresDeliveryStore(durable, relaxed, options);
		await store.listen();
		return store;
	}

	onRemoteWork(listener: (targets: readonly string[]) => void): void {
		this.remoteListeners.push(listener);
	}

	async insert(delivery: NewDelivery): Promise<InsertOutcome> {
		const targets = [...new Set(delivery.targets)];
		const { rows } = await this.durable.query<{ seq: string }>(INSERT, [
			delivery.deliveryId,
			delivery.webhookId,
			delivery.eventType,
			delivery.indexId,
			delivery.body,
			delivery.receivedAt,
			delivery.attemptId,
			delivery.createdAt,
			targets,
		]);
		const row = rows[0];
		if (row === undefined) return { status: 'duplicate' };
		this.announce(targets);
		return { status: 'stored', seq: Number(row.seq) };
	}

	async pendingForTarget(target: string, limit: number): Promise<PendingForward[]> {
		const { rows } = await this.durable.query<Row>(PENDING, [target, limit]);
		return rows.map((row) => pendingFromRow(target, row));
	}

	private async updateForward(
		state: ForwardState,
		target: string,
		seq: number,
		attempt: AttemptRecord,
		nextAttemptAt: number | null,
	): Promise<void> {
		const epoch = this.leases.epochOf(target);
		if (epoch === undefined) throw new LaneLostError(`This replica does not hold lane ${target}`);
		const result = await this.relaxed.query(UPDATE_FORWARD, [
			state,
			attempt.attempts,
			nextAttemptAt,
			attempt.status ?? null,
			attempt.error === undefined ? null : attempt.error.slice(0, MAX_ERROR_LENGTH),
			attempt.at,
			state === 'delivered' ? attempt.at : null,
			target,
			seq,
			this.leases.owner,
			epoch,
		]);
		if (result.rowCount === 0)
			throw new LaneLostError(`Lane ${target} was taken over by another replica`);
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
		const after = options.after ?? { seq: 0, target: '' };
		const { rows } = await this.durable.query<Row>(DEAD_LETTERS, [
			after.seq,
			after.target,
			options.target ?? null,
			options.limit,
		]);
		return rows.map(deadLetterFromRow);
	}

	async replay(
		selector: ReplaySelector,
		at: number,
	): Promise<Array<{ target: string; seq: number }>> {
		const { rows } = await this.durable.query<Row>(REPLAY, [
			at,
			selector.target ?? null,
			selector.deliveryId ?? null,
		]);
		const replayed = rows.map((row) => ({ target: String(row.target), seq: Number(row.seq) }));
		this.announce(replayed.map((row) => row.target));
		return replayed;
	}

	async findDelivery(deliveryId: string): Promise<DeliveryRecord | undefined> {
		const { rows } = await this.durable.query<Row>(
			'SELECT * FROM deliveries WHERE delivery_id = $1 ORDER BY seq DESC LIMIT 1',
			[deliveryId],
		);
		const row = rows[0];
		if (row === undefined) return undefined;
		const forwards = await this.durable.query<Row>(
			'SELECT * FROM forwards WHERE delivery_seq = $1 ORDER BY target',
			[row.seq],
		);
		return deliveryFromRow(row, forwards.rows);
	}

	async queueDepth(): Promise<TargetDepth[]> {
		const { rows } = await this.durable.query<Row>(
			`SELECT target, count(*)::int AS pending FROM forwards WHERE state = 'pending' GROUP BY target ORDER BY target`,
		);
		return rows.map((row) => ({ target: String(row.target), pending: Number(row.pending) }));
	}

	async prune(receivedBefore: number, limit: number): Promise<number> {
		const result = await this.relaxed.query(PRUNE, [receivedBefore, limit]);
		return result.rowCount ?? 0;
	}

	async pruneDeadLetters(deadBefore: number, limit: number): Promise<number> {
		const result = await this.relaxed.query(PRUNE_DEAD, [deadBefore, limit]);
		return result.rowCount ?? 0;
	}

	async close(): Promise<void> {
		this.closed = true;
		clearTimeout(this.listenRetry);
		await this.leases.stop();
		await this.listener?.end().catch(() => undefined);
		await Promise.all([this.durable.end(), this.relaxed.end()]);
	}

	/**
	 * Tells the other replicas (through NOTIFY) that these targets have new events, once per
	 * event-loop turn however many deliveries came in, and only for lanes this replica does not
	 * send itself. Without it their lanes would still find the events on their next idle poll.
	 */
	private announce(targets: readonly string[]): void {
		for (const target of targets) if (!this.leases.holds(target)) this.toAnnounce.add(target);
		if (this.toAnnounce.size === 0 || this.announceScheduled) return;
		this.announceScheduled = true;
		setImmediate(() => {
			this.announceScheduled = false;
			const payload = [...this.toAnnounce].join('\n');
			this.toAnnounce.clear();
			if (this.closed) return;
			this.relaxed
				.query('SELECT pg_notify($1, $2)', [WORK_CHANNEL, payload])
				.catch((error: unknown) =>
					this.options.logger.warn('store.notify_failed', { error: errorText(error) }),
				);
		});
	}

	/** A connection of its own that LISTENs; reconnects after a failure (lanes poll meanwhile). */
	private async listen(): Promise<void> {
		const client = new Client({ connectionString: this.options.url });
		const retry = (error: unknown): void => {
			if (this.closed || this.listener !== client) return;
			this.listener = undefined;
			this.options.logger.warn('store.listen_lost', { error: errorText(error) });
			void client.end().catch(() => undefined);
			this.listenRetry = setTimeout(() => {
				this.listen().catch((again: unknown) => retry(again));
			}, LISTEN_RETRY_MS);
		};
		this.listener = client;
		client.on('error', retry);
		client.on('end', () => retry(new Error('connection ended')));
		client.on('notification', (message) => {
			const targets = (message.payload ?? '').split('\n').filter((target) => target !== '');
			for (const listener of this.remoteListeners) listener(targets);
		});
		await client.connect();
		await client.query(`LISTEN ${WORK_CHANNEL}`);
	}
}
