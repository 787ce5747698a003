import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { describe, expect, it } from 'vitest';

import { GroupCommitQueue } from '../src/store/group-commit';
import { SqliteDeliveryStore } from '../src/store/sqlite-delivery-store';
import { cleanupAfterEach, makeTempDir } from './support/harness';

const track = cleanupAfterEach();

function countingDatabase(file: string) {
	const db = new DatabaseSync(file);
	db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE rows (value INTEGER UNIQUE)');
	track(() => db.close());
	const exec = db.exec.bind(db);
	const log: string[] = [];
	db.exec = (sql: string) => {
		log.push(sql);
		exec(sql);
	};
	return { db, commits: () => log.filter((sql) => sql === 'COMMIT').length };
}

describe('group commit', () => {
	it('writes concurrent submissions in shared transactions and settles each after its commit', async () => {
		const { db, commits } = countingDatabase(join(makeTempDir(track), 'group.sqlite'));
		const queue = new GroupCommitQueue(db, { maxBatch: 100, windowMs: 0 });
		const insert = db.prepare('INSERT INTO rows (value) VALUES (?)');
		const count = db.prepare('SELECT COUNT(*) AS n FROM rows');
		const visibleAtSettle: number[] = [];
		await Promise.all(
			Array.from({ length: 250 }, (_, value) =>
				queue.submit(() => insert.run(value)).then(() => visibleAtSettle.push(Number((count.get() as { n: number }).n))),
			),
		);
		expect(commits()).toBe(3);
		// Every caller saw its own row (and its batch) committed when its promise settled.
		expect(Math.min(...visibleAtSettle)).toBeGreaterThanOrEqual(100);
		expect((count.get() as { n: number }).n).toBe(250);
	});

	it('fails only the write that broke, not its neighbours in the batch', async () => {
		const { db } = countingDatabase(join(makeTempDir(track), 'group.sqlite'));
		const queue = new GroupCommitQueue(db, { maxBatch: 100, windowMs: 1 });
		const insert = db.prepare('INSERT INTO rows (value) VALUES (?)');
		const results = await Promise.allSettled([1, 2, 2, 3].map((value) => queue.submit(() => insert.run(value))));
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
		expect(db.prepare('SELECT value FROM rows ORDER BY value').all().map((row) => row.value)).toEqual([1, 2, 3]);
	});

});

describe('SQLite delivery store', () => {
	it('keeps deliveries across reopening the file', async () => {
		const file = join(makeTempDir(track), 'receiver.sqlite');
		const store = new SqliteDeliveryStore({ file, groupCommit: { maxBatch: 10, windowMs: 0 } });
		const body = new TextEncoder().encode('{"id":"evt_1"}');
		const delivery = { deliveryId: 'evt_1', webhookId: 'wh', eventType: 'export.ready', indexId: null, body, receivedAt: 1, attemptId: null, targets: ['a', 'b'] };
		expect(await store.insert(delivery)).toEqual({ status: 'stored', seq: 1 });
		expect(await store.insert(delivery)).toEqual({ status: 'duplicate' });
		await store.markDead('a', 1, { attempts: 3, at: 2, status: 500, error: 'HTTP 500' });
		await store.close();

		const reopened = new SqliteDeliveryStore({ file, groupCommit: { maxBatch: 10, windowMs: 0 } });
		track(() => reopened.close());
		expect(await reopened.queueDepth()).toEqual([{ target: 'b', pending: 1 }]);
		const [pending] = await reopened.pendingForTarget('b', 10);
		expect(Buffer.from(pending!.body).toString()).toBe('{"id":"evt_1"}');
		expect((await reopened.listDeadLetters({ limit: 10 })).map((letter) => [letter.target, letter.deliveryId, letter.lastStatus])).toEqual([
			['a', 'evt_1', 500],
		]);
		expect(await reopened.replay({ deliveryId: 'evt_1' }, 3)).toEqual([{ target: 'a', seq: 1 }]);
		expect(await reopened.queueDepth()).toEqual([
			{ target: 'a', pending: 1 },
			{ target: 'b', pending: 1 },
		]);
	});

	it('prunes only old, fully delivered deliveries', async () => {
		const store = new SqliteDeliveryStore({ file: join(makeTempDir(track), 'receiver.sqlite'), groupCommit: { maxBatch: 10, windowMs: 0 } });
		track(() => store.close());
		const add = (deliveryId: string, receivedAt: number, targets: string[]) =>
			store.insert({ deliveryId, webhookId: 'wh', eventType: 'export.ready', indexId: null, body: new Uint8Array([123, 125]), receivedAt, attemptId: null, targets });
		await add('old_delivered', 100, ['a']);
		await add('old_unrouted', 100, []);
		await add('old_pending', 100, ['a']);
		await add('old_dead', 100, ['a']);
		await add('new_delivered', 900, ['a']);
		await store.markDelivered('a', 1, { attempts: 1, at: 101, status: 200 });
		await store.markDead('a', 4, { attempts: 3, at: 101, status: 500 });
		await store.markDelivered('a', 5, { attempts: 1, at: 901, status: 200 });

		expect(await store.prune(500, 1)).toBe(1);
		expect(await store.prune(500, 10)).toBe(1);
		expect(await store.prune(500, 10)).toBe(0);
		const present = async (id: string) => (await store.findDelivery(id)) !== undefined;
		expect([await present('old_delivered'), await present('old_unrouted')]).toEqual([false, false]);
		expect([await present('old_pending'), await present('old_dead'), await present('new_delivered')]).toEqual([true, true, true]);
		// A pruned id is forgotten: the same delivery id is stored afresh with a new, later seq.
		expect(await add('old_delivered', 1000, ['a'])).toEqual({ status: 'stored', seq: 6 });
	});
});
