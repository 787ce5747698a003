import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';

/** Held while a receiver runs; a second process on the same data directory cannot take it. */
export const LOCK_FILE = 'receiver.lock';

export class DataDirInUseError extends Error {
	override name = 'DataDirInUseError';
}

/**
 * An exclusive SQLite lock on `<dataDir>/receiver.lock`. SQLite holds it as an OS file lock, which
 * the kernel drops when the process dies, so a `kill -9` never leaves a stale lock behind (a plain
 * PID file would). Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
	const db = new DatabaseSync(join(dataDir, LOCK_FILE));
	try {
		db.exec('PRAGMA busy_timeout = 0');
		db.exec('PRAGMA locking_mode = EXCLUSIVE');
		db.exec('BEGIN EXCLUSIVE');
	} catch (error) {
		db.close();
		const busy = /locked|busy/i.test(String(error));
		throw busy
			? new DataDirInUseError(`The data directory ${dataDir} is in use by another receiver`)
			: error;
	}
	return () => {
		db.exec('ROLLBACK');
		db.close();
	};
}
