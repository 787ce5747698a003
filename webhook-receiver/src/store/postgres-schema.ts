import type { Pool } from 'pg';

/**
 * Schema migrations for the shared PostgreSQL store, applied in order and recorded in
 * `receiver_schema`. Replicas starting together take a transaction-scoped advisory lock first, so
 * exactly one of them migrates and the others find the work done.
 */
const MIGRATIONS: readonly string[] = [
	`
	CREATE TABLE deliveries (
		seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		delivery_id TEXT NOT NULL,
		webhook_id TEXT NOT NULL,
		event_type TEXT NOT NULL,
		index_id TEXT,
		body BYTEA NOT NULL,
		received_at BIGINT NOT NULL,
		attempt_id TEXT,
		created_at BIGINT,
		-- De-duplication per subscription; delivery_id first, so look-ups by id use it too.
		UNIQUE (delivery_id, webhook_id)
	);
	CREATE TABLE forwards (
		target TEXT NOT NULL,
		delivery_seq BIGINT NOT NULL REFERENCES deliveries (seq),
		state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
		attempts INTEGER NOT NULL DEFAULT 0,
		next_attempt_at BIGINT,
		last_status INTEGER,
		last_error TEXT,
		updated_at BIGINT NOT NULL,
		delivered_at BIGINT,
		PRIMARY KEY (target, delivery_seq)
	);
	CREATE INDEX forwards_pending ON forwards (target, delivery_seq) WHERE state = 'pending';
	CREATE INDEX forwards_dead ON forwards (delivery_seq) WHERE state = 'dead';
	CREATE INDEX forwards_by_delivery ON forwards (delivery_seq);
	-- One row per target: which replica sends its events, until when, and a fencing epoch that
	-- grows with every change of owner (a write by a replica that lost the lane is refused).
	CREATE TABLE lanes (
		target TEXT PRIMARY KEY,
		owner TEXT,
		epoch BIGINT NOT NULL DEFAULT 0,
		lease_until TIMESTAMPTZ NOT NULL DEFAULT 'epoch'
	);
	`,
];

/** Any constant: the key of the advisory lock that serialises migrations across replicas. */
const MIGRATION_LOCK_KEY = 0x76765f72; // "vv_r"

export async function migratePostgres(pool: Pool): Promise<void> {
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
		await client.query('CREATE TABLE IF NOT EXISTS receiver_schema (version INTEGER NOT NULL)');
		const { rows } = await client.query<{ version: number }>('SELECT version FROM receiver_schema');
		let version = rows[0]?.version ?? 0;
		if (rows.length === 0) await client.query('INSERT INTO receiver_schema (version) VALUES (0)');
		for (; version < MIGRATIONS.length; version++)
			await client.query(MIGRATIONS[version] as string);
		await client.query('UPDATE receiver_schema SET version = $1', [version]);
		await client.query('COMMIT');
	} catch (error) {
		await client.query('ROLLBACK').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
}
