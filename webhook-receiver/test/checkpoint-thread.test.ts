import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { describe, expect, it } from 'vitest';

import { CheckpointThread } from '../src/store/checkpoint-thread';
import { cleanupAfterEach, makeTempDir } from './support/harness';
import { waitFor } from './support/wait-for';

const track = cleanupAfterEach();

describe('checkpoint thread', () => {
	it('copies the WAL back into the database file from its own thread', async () => {
		const file = join(makeTempDir(track), 'receiver.sqlite');
		const db = new DatabaseSync(file);
		track(() => db.close());
		db.exec('PRAGMA journal_mode = WAL');
		db.exec('PRAGMA wal_autocheckpoint = 0');
		db.exec('CREATE TABLE t (body BLOB)');
		const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
		for (let row = 0; row < 256; row++) insert.run(new Uint8Array(4096));
		// Nothing has been checkpointed yet: the ~1 MB sits in the WAL, not in the database file.
		const before = statSync(file).size;
		expect(before).toBeLessThan(64 * 1024);
		const thread = new CheckpointThread(file);
		track(() => thread.close());
		expect(thread.request()).toBe(true);
		await waitFor(
			() => statSync(file).size > 1024 * 1024,
			'the checkpoint to fill the database file',
		);
		await thread.close();
		// A closed thread hands checkpoints back to the caller.
		expect(thread.request()).toBe(false);
	});
});
