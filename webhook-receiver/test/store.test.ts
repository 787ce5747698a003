import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { describe, expect, it } from 'vitest';

import type { NewDelivery } from '../src/store/delivery-store';
import { SqliteDeliveryStore } from '../src/store/sqlite-delivery-store';
import type { WriterThread } from '../src/store/write-pipeline';
import { cleanupAfterEach, makeTempDir } from './support/harness';

const track = cleanupAfterEach();

const delivery = (deliveryId: string, overrides: Partial<NewDelivery> = {}): NewDelivery => ({
	deliveryId,
	webhookId: 'wh',
	eventType: 'export.ready',
	indexId: null,
	body: new TextEncoder().encode(`{"id":"${deliveryId}"}`),
	receivedAt: 1,
	attemptId: null,
	createdAt: null,
	targets: ['a'],
	...overrides,
});

function openStore(
	file: string,
	maxBatch = 100,
	thread: WriterThread = 'main',
	pipelineDepth = 1,
): SqliteDeliveryStore {
	const store = new SqliteDeliveryStore({
		file,
		groupCommit: { maxBatch, windowMs: 0, thread, pipelineDepth },
	});
	track(() => store.close());
	return store;
}

describe.each([
	['main', 1],
	['worker', 1],
	['worker', 2],
] as const)(
	'group commit, writer on the %s thread, %i batch(es) at the writer',
	(thread, depth) => {
		it('writes concurrent deliveries in shared transactions and settles each after its commit', async () => {
			const store = openStore(join(makeTempDir(track), 'receiver.sqlite'), 100, thread, depth);
			const ids = Array.from({ length: 250 }, (_, index) => `evt_${index}`);
			const visibleAtSettle = await Promise.all(
				ids.map(async (id) => {
					await store.insert(delivery(id));
					// Read on the main thread's own connection: only committed rows are visible there.
					return (await store.findDelivery(id)) !== undefined;
				}),
			);
			expect(visibleAtSettle.every(Boolean)).toBe(true);
			// All 250 were submitted in one event-loop turn: a batch goes out as soon as it holds maxBatch
			// (100) writes and the rest wait for it, so they share exactly ceil(250 / 100) transactions,
			// however the writer's thread is scheduled.
			expect(store.commitBatches).toBe(3);
			expect(await store.queueDepth()).toEqual([{ target: 'a', pending: 250 }]);
		});

		it('fails only the write that broke, not its neighbours in the batch', async () => {
			const store = openStore(join(makeTempDir(track), 'receiver.sqlite'), 100, thread, depth);
			const broken = delivery('evt_broken', { receivedAt: null as unknown as number });
			const results = await Promise.allSettled(
				[delivery('evt_1'), broken, delivery('evt_2')].map((item) => store.insert(item)),
			);
			expect(results.map((result) => result.status)).toEqual([
				'fulfilled',
				'rejected',
				'fulfilled',
			]);
			expect(await store.findDelivery('evt_broken')).toBeUndefined();
			expect((await store.findDelivery('evt_2'))?.deliveryId).toBe('evt_2');
		});
	},
);

describe('SQLite delivery store', () => {
	it('keeps deliveries across reopening the file', async () => {
		const file = join(makeTempDir(track), 'receiver.sqlite');
		const store = new SqliteDeliveryStore({
			file,
			groupCommit: { maxBatch: 10, windowMs: 0, thread: 'worker' },
		});
		const first = delivery('evt_1', { targets: ['a', 'b'] });
		expect(await store.insert(first)).toEqual({ status: 'stored', seq: 1 });
		expect(await store.insert(first)).toEqual({ status: 'duplicate' });
		await store.markDead('a', 1, { attempts: 3, at: 2, status: 500, error: 'HTTP 500' });
		await store.close();

		const reopened = openStore(file);
		expect(await reopened.queueDepth()).toEqual([{ target: 'b', pending: 1 }]);
		const [pending] = await reopened.pendingForTarget('b', 10);
		expect(Buffer.from(pending!.body).toString()).toBe('{"id":"evt_1"}');
		expect(
			(await reopened.listDeadLetters({ limit: 10 })).map((letter) => [
				letter.target,
				letter.deliveryId,
				letter.lastStatus,
			]),
		).toEqual([['a', 'evt_1', 500]]);
		expect(await reopened.replay({ deliveryId: 'evt_1' }, 3)).toEqual([{ target: 'a', seq: 1 }]);
		expect(await reopened.queueDepth()).toEqual([
			{ target: 'a', pending: 1 },
			{ target: 'b', pending: 1 },
		]);
	});

	it("takes a writer thread's reply at the next write, not on a later turn of the event loop", async () => {
		const file = join(makeTempDir(track), 'receiver.sqlite');
		const store = openStore(file, 100, 'worker');
		await store.insert(delivery('evt_warm'));
		let firstSettled = false;
		const first = store.insert(delivery('evt_1')).then(() => (firstSettled = true));
		// Let the batch go out, then keep the event loop busy (as a burst of requests would) until
		// the writer has committed it and a little longer, so its reply is waiting on the channel.
		await new Promise((resolve) => setImmediate(resolve));
		const reader = new DatabaseSync(file, { readOnly: true });
		const committed = reader.prepare('SELECT 1 FROM deliveries WHERE delivery_id = ?');
		const blocker = new Int32Array(new SharedArrayBuffer(4));
		const deadline = Date.now() + 10_000;
		while (committed.get('evt_1') === undefined && Date.now() < deadline)
			Atomics.wait(blocker, 0, 0, 10);
		// The writer posts its reply right after the commit returns; this margin covers a loaded machine.
		Atomics.wait(blocker, 0, 0, 500);
		reader.close();
		const second = store.insert(delivery('evt_2'));
		// Microtasks only: a reply left to the event loop could not have been handled yet.
		for (let turn = 0; turn < 10; turn++) await Promise.resolve();
		expect(firstSettled).toBe(true);
		await Promise.all([first, second]);
	});

	it('prunes only old, fully delivered deliveries', async () => {
		const store = openStore(join(makeTempDir(track), 'receiver.sqlite'));
		const add = (deliveryId: string, receivedAt: number, targets: string[]) =>
			store.insert(delivery(deliveryId, { receivedAt, targets }));
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
		expect([
			await present('old_pending'),
			await present('old_dead'),
			await present('new_delivered'),
		]).toEqual([true, true, true]);
		// A pruned id is forgotten: the same delivery id is stored afresh with a new, later seq.
		expect(await add('old_delivered', 1000, ['a'])).toEqual({ status: 'stored', seq: 6 });
	});
});
