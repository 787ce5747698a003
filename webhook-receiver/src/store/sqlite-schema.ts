import type { DatabaseSync } from 'node:sqlite';

/**
 * Schema migrations, applied in order and recorded in `PRAGMA user_version`, so a data directory
 * written by an older receiver is upgraded in place.
 */
const MIGRATIONS: readonly string[] = [
	`
	CREATE TABLE deliveries (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		delivery_id TEXT NOT NULL UNIQUE,
		webhook_id TEXT NOT NULL,
		event_type TEXT NOT NULL,
		index_id TEXT,
		body BLOB NOT NULL,
		received_at INTEGER NOT NULL,
		attempt_id TEXT
	);
	CREATE TABLE forwards (
		target TEXT NOT NULL,
		delivery_seq INTEGER NOT NULL REFERENCES deliveries(seq),
		state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
		attempts INTEGER NOT NULL DEFAULT 0,
		next_attempt_at INTEGER,
		last_status INTEGER,
		last_error TEXT,
		updated_at INTEGER NOT NULL,
		delivered_at INTEGER,
		PRIMARY KEY (target, delivery_seq)
	) WITHOUT ROWID;
	CREATE INDEX forwards_pending ON forwards (target, delivery_seq) WHERE state = 'pending';
	CREATE INDEX forwards_dead ON forwards (delivery_seq) WHERE state = 'dead';
	CREATE INDEX forwards_by_delivery ON forwards (delivery_seq);
	`,
	// Replay protection: de-duplicate on the signed envelope id per subscription (not on the
	// unsigned X-Delivery-Id, which used to be unique across all subscriptions), and keep the
	// signed created_at so retention never forgets an id whose envelope would still be accepted.
	`
	CREATE TABLE deliveries_v2 (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		delivery_id TEXT NOT NULL,
		webhook_id TEXT NOT NULL,
		event_type TEXT NOT NULL,
		index_id TEXT,
		body BLOB NOT NULL,
		received_at INTEGER NOT NULL,
		attempt_id TEXT,
		created_at INTEGER,
		UNIQUE (webhook_id, delivery_id)
	);
	INSERT INTO deliveries_v2 (seq, delivery_id, webhook_id, event_type, index_id, body, received_at, attempt_id)
		SELECT seq, delivery_id, webhook_id, event_type, index_id, body, received_at, attempt_id FROM deliveries;
	DROP TABLE deliveries;
	ALTER TABLE deliveries_v2 RENAME TO deliveries;
	CREATE INDEX deliveries_by_delivery_id ON deliveries (delivery_id);
	`,
];

/**
 * WAL with synchronous=FULL: every COMMIT is fsynced before it returns, so a committed delivery
 * survives a power cut, while readers never block the writer. (The writer relaxes this to
 * NORMAL for batches that only record forwarding progress.)
 */
export function prepareDatabase(db: DatabaseSync): void {
	db.exec('PRAGMA journal_mode = WAL');
	db.exec('PRAGMA synchronous = FULL');
	db.exec('PRAGMA busy_timeout = 5000');
	// A migration rebuilds a referenced table, which SQLite allows only with foreign keys off.
	db.exec('PRAGMA foreign_keys = OFF');
	const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
	for (let version = row.user_version; version < MIGRATIONS.length; version++) {
		db.exec('BEGIN IMMEDIATE');
		try {
			db.exec(MIGRATIONS[version] as string);
			db.exec(`PRAGMA user_version = ${version + 1}`);
			db.exec('COMMIT');
		} catch (error) {
			db.exec('ROLLBACK');
			throw error;
		}
	}
	db.exec('PRAGMA foreign_keys = ON');
}
