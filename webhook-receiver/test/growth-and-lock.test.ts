import { statSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { NewDelivery } from '../src/store/delivery-store';
import { SqliteDeliveryStore } from '../src/store/sqlite-delivery-store';
import { childEnv, spawnReceiver } from './support/child-receiver';
import { cleanupAfterEach, makeTempDir } from './support/harness';

const track = cleanupAfterEach();

const delivery = (deliveryId: string, body = `{"id":"${deliveryId}"}`): NewDelivery => ({
	deliveryId,
	webhookId: 'wh',
	eventType: 'export.ready',
	indexId: null,
	body: new TextEncoder().encode(body),
	receivedAt: 100,
	attemptId: null,
	createdAt: 100,
	targets: ['a'],
});

function openStore(file: string, extra: { walSizeLimitBytes?: number } = {}): SqliteDeliveryStore {
	const store = new SqliteDeliveryStore({
		file,
		groupCommit: { maxBatch: 100, windowMs: 0, thread: 'main' },
		...extra,
	});
	track(() => store.close());
	return store;
}

describe('growth and exclusivity', () => {
	it('dead letters have a retention: old ones go, and so does their delivery', async () => {
		const store = openStore(join(makeTempDir(track), 'receiver.sqlite'));
		await store.insert(delivery('evt_old_dead'));
		await store.insert(delivery('evt_new_dead'));
		await store.markDead('a', 1, { attempts: 8, at: 200, status: 500 });
		await store.markDead('a', 2, { attempts: 8, at: 900, status: 500 });
		expect(await store.pruneDeadLetters(500, 100)).toBe(1);
		expect((await store.listDeadLetters({ limit: 10 })).map((dead) => dead.deliveryId)).toEqual([
			'evt_new_dead',
		]);
		expect(await store.prune(1_000, 100)).toBe(1);
		expect(await store.findDelivery('evt_old_dead')).toBeUndefined();
		expect(await store.findDelivery('evt_new_dead')).toBeDefined();
	});

	it('keeps the WAL under its size limit', async () => {
		const file = join(makeTempDir(track), 'receiver.sqlite');
		const limit = 512 * 1024;
		const store = openStore(file, { walSizeLimitBytes: limit });
		const padding = 'x'.repeat(4_000);
		for (let batch = 0; batch < 6; batch++) {
			await Promise.all(
				Array.from({ length: 500 }, (_, index) =>
					store.insert(delivery(`evt_${batch}_${index}`, `{"pad":"${padding}"}`)),
				),
			);
			// The writer checkpoints once the burst's acknowledgements are out.
			await new Promise((resolve) => setImmediate(resolve));
		}
		// Six batches of ~2 MB each went through the WAL; it is truncated back after each checkpoint.
		expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(limit + 2 * 1024 * 1024);
		await store.insert(delivery('evt_last'));
		expect(statSync(`${file}-wal`).size).toBeLessThan(6 * 500 * 4_000);
	});

	it('a second receiver on the same data directory refuses to start', async () => {
		const dir = makeTempDir(track);
		const first = await spawnReceiver(childEnv(dir, 'http://127.0.0.1:1/unused'), track);
		const second = spawnReceiver(childEnv(dir, 'http://127.0.0.1:1/unused'), track);
		await expect(second).rejects.toThrow(/Receiver exited \(1\).*data directory.*in use/s);
		expect(first.process.exitCode).toBeNull();
	});
});
