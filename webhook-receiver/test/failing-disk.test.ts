import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createJsonLogger, type Logger } from '../src/log/logger';
import type { AttemptRecord } from '../src/store/delivery-store';
import { SqliteDeliveryStore } from '../src/store/sqlite-delivery-store';
import { deliveryHeaders, envelopeBody } from './support/deliveries';
import {
	adminHeaders,
	cleanupAfterEach,
	makeTempDir,
	startTestReceiver,
	testConfig,
} from './support/harness';
import { post, send } from './support/http-client';
import { mountSmallVolume } from './support/small-volume';
import { startTarget } from './support/target-server';
import { waitFor } from './support/wait-for';

const track = cleanupAfterEach();

async function deliver(url: string, id: string): Promise<number> {
	const body = envelopeBody({ id });
	return (await post(url, body, deliveryHeaders(body, { deliveryId: id }))).status;
}

/** Log events the receiver wrote, by name (the lane's refusals to go on are the barrier below). */
function recordingLogger(): { logger: Logger; count: (event: string) => number } {
	const events: string[] = [];
	const logger = createJsonLogger({
		level: 'debug',
		write: (line) => events.push((JSON.parse(line) as { event: string }).event),
	});
	return { logger, count: (event) => events.filter((name) => name === event).length };
}

describe('a failing disk never becomes a resend loop', () => {
	it('on a full filesystem, delivered events are not POSTed again and are recorded once space returns', async () => {
		const volume = mountSmallVolume(track, 4 * 1024 * 1024);
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const target = await startTarget({ behaviour: () => ({ status: 200, hold: held }) });
		track(() => target.close());
		track(() => release());
		const log = recordingLogger();
		const receiver = await startTestReceiver(track, testConfig(volume.dir, target.url), {
			idlePollMs: 20,
			logger: log.logger,
		});
		const ids = ['evt_full_1', 'evt_full_2', 'evt_full_3'];
		for (const id of ids) expect(await deliver(receiver.deliveryUrl, id)).toBe(200);
		await waitFor(() => target.requests.length === 1, 'the first forward');
		volume.fill();
		release();
		// "Delivered" cannot be written: the lane backs off and sends nothing, least of all evt_full_1 again.
		// Each turn of the lane first retries the unwritten mark and logs `lane.record_retry` when it
		// fails; a lane that sent anything after a refused mark would have sent it (and the target
		// recorded it) before its next turn logged the next refusal. Three refusals: two full turns.
		await waitFor(() => log.count('lane.record_retry') >= 3, 'three refused turns of the lane');
		expect(target.requests.map((receipt) => receipt.deliveryId)).toEqual(['evt_full_1']);
		volume.free();
		const state = async (id: string) =>
			(
				(
					await send(`${receiver.url}/admin/deliveries/${id}`, { headers: adminHeaders })
				).json() as { forwards: Array<{ state: string }> }
			).forwards[0]?.state;
		await waitFor(
			async () => (await Promise.all(ids.map(state))).every((value) => value === 'delivered'),
			'the delivered records once space is back',
		);
		expect(target.requests.map((receipt) => receipt.deliveryId)).toEqual(ids);
	});

	it('a failed "retry" record keeps the attempt count, and the lane backs off instead of resending at once', async () => {
		const dir = makeTempDir(track);
		const store = new SqliteDeliveryStore({
			file: join(dir, 'receiver.sqlite'),
			groupCommit: { maxBatch: 100, windowMs: 0, thread: 'main' },
		});
		let failures = 3;
		const markRetrying = store.markRetrying.bind(store);
		store.markRetrying = async (
			target: string,
			seq: number,
			attempt: AttemptRecord & { nextAttemptAt: number },
		) => {
			if (failures > 0) {
				failures -= 1;
				throw new Error('SQLITE_IOERR: disk I/O error');
			}
			return markRetrying(target, seq, attempt);
		};
		const target = await startTarget({
			behaviour: (_receipt, attempt) => (attempt <= 2 ? { status: 500 } : { status: 200 }),
		});
		track(() => target.close());
		const receiver = await startTestReceiver(
			track,
			testConfig(dir, target.url, { retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 20 } }),
			{ store, idlePollMs: 20 },
		);
		expect(await deliver(receiver.deliveryUrl, 'evt_io')).toBe(200);
		const forward = async () =>
			(
				(
					await send(`${receiver.url}/admin/deliveries/evt_io`, { headers: adminHeaders })
				).json() as { forwards: Array<{ attempts: number; state: string }> }
			).forwards[0];
		// The 2xx is recorded after the target answered it: wait for the record, not just the answer.
		await waitFor(
			async () => (await forward())?.state === 'delivered',
			'the forward after two failures, recorded as delivered',
		);
		// Three attempts were made: the lost records did not reset the count or add attempts.
		expect(target.requests).toHaveLength(3);
		expect(await forward()).toMatchObject({ state: 'delivered', attempts: 3 });
	});

	it('a writer that has died makes /readyz fail and reports it as fatal', async () => {
		const dir = makeTempDir(track);
		const store = new SqliteDeliveryStore({
			file: join(dir, 'receiver.sqlite'),
			groupCommit: { maxBatch: 100, windowMs: 0, thread: 'worker' },
		});
		let fatal: Error | undefined;
		const receiver = await startTestReceiver(track, testConfig(dir, 'http://127.0.0.1:1/unused'), {
			store,
			onFatal: (error) => (fatal = error),
		});
		expect((await send(`${receiver.url}/readyz`)).status).toBe(200);
		// The writer thread dies, as it would on an out-of-memory kill or a native crash.
		await store.killWriterForTests();
		expect(await deliver(receiver.deliveryUrl, 'evt_after_death')).toBe(503);
		await waitFor(() => fatal !== undefined, 'the fatal report');
		const ready = await send(`${receiver.url}/readyz`);
		expect(ready.status).toBe(503);
		expect(ready.json()).toMatchObject({ status: 'store_failed' });
	});
});
