/**
 * PostgresDeliveryStore against a real PostgreSQL (tools/services/postgres.ts): the DeliveryStore
 * contract the lanes rely on, and the lane lease with its fencing between two stores that stand
 * for two replicas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startPostgres, type RunningPostgres } from '../../tools/services/postgres';
import { silentLogger } from '../src/log/logger';
import { LaneLostError, type NewDelivery } from '../src/store/delivery-store';
import { PostgresDeliveryStore } from '../src/store/postgres-delivery-store';
import { cleanupAfterEach } from './support/harness';
import { waitFor } from './support/wait-for';

const track = cleanupAfterEach();
const LEASE_MS = 600;
const STEADY_LEASE_MS = 4_000;

let postgres: RunningPostgres;
let databases = 0;

beforeAll(async () => {
	postgres = await startPostgres({ log: () => undefined });
}, 900_000);

afterAll(async () => {
	await postgres?.stop();
});

const delivery = (deliveryId: string, overrides: Partial<NewDelivery> = {}): NewDelivery => ({
	deliveryId,
	webhookId: 'wh',
	eventType: 'export.ready',
	indexId: null,
	body: new TextEncoder().encode(`{"id":"${deliveryId}"}`),
	receivedAt: 1_000,
	attemptId: null,
	createdAt: 1_000,
	targets: ['a'],
	...overrides,
});

async function freshDatabase(): Promise<string> {
	databases += 1;
	return postgres.createDatabase(`store_test_${databases}`);
}

async function openStore(url: string, laneLeaseMs = LEASE_MS): Promise<PostgresDeliveryStore> {
	const store = await PostgresDeliveryStore.open({
		url,
		laneLeaseMs,
		logger: silentLogger,
	});
	track(() => store.close());
	return store;
}

describe('PostgresDeliveryStore', () => {
	it('stores, de-duplicates per subscription and hands out pending forwards in order', async () => {
		const store = await openStore(await freshDatabase());
		const first = await store.insert(delivery('evt_1', { targets: ['a', 'b', 'a'] }));
		expect(first.status).toBe('stored');
		expect(await store.insert(delivery('evt_1'))).toEqual({ status: 'duplicate' });
		// The same envelope id under another subscription is another delivery.
		expect((await store.insert(delivery('evt_1', { webhookId: 'wh_other' }))).status).toBe(
			'stored',
		);
		await store.insert(delivery('evt_2'));
		const pending = await store.pendingForTarget('a', 10);
		expect(pending.map((forward) => forward.deliveryId)).toEqual(['evt_1', 'evt_1', 'evt_2']);
		expect(Buffer.from(pending[0]!.body).toString()).toBe('{"id":"evt_1"}');
		expect(await store.queueDepth()).toEqual([
			{ target: 'a', pending: 3 },
			{ target: 'b', pending: 1 },
		]);
		const found = await store.findDelivery('evt_2');
		expect(found?.forwards.map((forward) => [forward.target, forward.state])).toEqual([
			['a', 'pending'],
		]);
	});

	it('records outcomes only while it holds the lane; dead letters replay and prune', async () => {
		const store = await openStore(await freshDatabase());
		await store.insert(delivery('evt_1'));
		await store.insert(delivery('evt_2'));
		// Without the lane nothing may be recorded.
		await expect(
			store.markDelivered('a', 1, { attempts: 1, at: 2_000, status: 200 }),
		).rejects.toThrow(LaneLostError);
		store.leases.start(['a'], () => undefined);
		await waitFor(() => store.leases.holds('a'), 'the lane to be taken');
		await store.markDelivered('a', 1, { attempts: 1, at: 2_000, status: 200 });
		await store.markDead('a', 2, { attempts: 8, at: 2_000, status: 500 });
		expect((await store.listDeadLetters({ limit: 10 })).map((dead) => dead.deliveryId)).toEqual([
			'evt_2',
		]);
		expect(await store.replay({ deliveryId: 'evt_2' }, 3_000)).toEqual([{ target: 'a', seq: 2 }]);
		expect((await store.pendingForTarget('a', 10)).map((forward) => forward.attempts)).toEqual([0]);
		// Only the fully delivered one goes, and only once it is out of the replay window.
		expect(await store.prune(1_001, 100)).toBe(1);
		expect(await store.findDelivery('evt_1')).toBeUndefined();
		expect(await store.findDelivery('evt_2')).toBeDefined();
	});

	it('a lane has one holder; another replica takes it once the lease runs out, and the old holder is fenced', async () => {
		const url = await freshDatabase();
		// A lease long enough that a renewal (every third of it) is not missed on a loaded machine:
		// the holder keeping its lane is then what the code guarantees, not what timing allowed.
		const first = await openStore(url, STEADY_LEASE_MS);
		const second = await openStore(url, STEADY_LEASE_MS);
		await first.insert(delivery('evt_1'));
		const gained: string[] = [];
		first.leases.start(['a'], (target) => gained.push(`first:${target}`));
		await waitFor(() => first.leases.holds('a'), 'the first replica to take the lane');
		second.leases.start(['a'], (target) => gained.push(`second:${target}`));
		// Both keep claiming: the holder renews, the other never gets in, however often it asks.
		await waitFor(
			() => second.leases.claimRounds >= 3 && first.leases.claimRounds >= 4,
			'both replicas to claim several times',
		);
		expect(first.leases.holds('a')).toBe(true);
		expect(second.leases.holds('a')).toBe(false);
		expect(gained).toEqual(['first:a']);

		// The holder stops renewing (as a process killed with -9 would) but still tries to write.
		const staleEpoch = first.leases.epochOf('a');
		await first.leases.haltForTests();
		await waitFor(() => second.leases.holds('a'), 'the second replica to take the lane over');
		expect(gained).toEqual(['first:a', 'second:a']);
		expect(first.leases.holds('a')).toBe(false);
		expect(staleEpoch).toBeDefined();
		// A replica that was paused past its lease may not have noticed yet: make the old holder
		// believe it still holds the lane, so the database's fence is what refuses its write.
		(
			first.leases as unknown as { held: Map<string, { epoch: string; validUntil: number }> }
		).held.set('a', { epoch: staleEpoch!, validUntil: Number.POSITIVE_INFINITY });
		await expect(
			first.markDelivered('a', 1, { attempts: 1, at: 5_000, status: 200 }),
		).rejects.toThrow(LaneLostError);
		await second.markDelivered('a', 1, { attempts: 1, at: 5_000, status: 200 });
		expect((await second.findDelivery('evt_1'))?.forwards[0]?.state).toBe('delivered');
	});

	it('tells the other replicas about new events (LISTEN/NOTIFY)', async () => {
		const url = await freshDatabase();
		const holder = await openStore(url);
		const other = await openStore(url);
		holder.leases.start(['a'], () => undefined);
		await waitFor(() => holder.leases.holds('a'), 'the lane to be taken');
		const woken: string[] = [];
		holder.onRemoteWork((targets) => woken.push(...targets));
		await other.insert(delivery('evt_remote'));
		await waitFor(() => woken.includes('a'), 'the holder to hear about the new event');
	});
});
