import { describe, expect, it } from 'vitest';

import { createJsonLogger } from '../src/log/logger';
import { createScaledClock } from '../src/time/clock';
import { deliveryHeaders, envelopeBody } from './support/deliveries';
import {
	adminHeaders,
	cleanupAfterEach,
	makeTempDir,
	startTestReceiver,
	testConfig,
} from './support/harness';
import { post, send } from './support/http-client';
import { startTarget } from './support/target-server';
import { waitFor } from './support/wait-for';

const track = cleanupAfterEach();
const MINUTE = 60_000;

async function deliver(url: string, id: string) {
	const body = envelopeBody({ id });
	const response = await post(url, body, deliveryHeaders(body, { deliveryId: id }));
	expect(response.status).toBe(200);
}

describe('retries', () => {
	it('delivers everything in order after the target was down for ten (fast-clock) minutes', async () => {
		const clock = createScaledClock({ speed: 600 });
		// The outage starts with the first request, whenever a loaded machine gets to send it: the
		// test is about what happens during ten clock minutes of outage, not about how fast we start.
		let upAt = Number.POSITIVE_INFINITY;
		const target = await startTarget({
			// Down = connections dropped or 503 without Retry-After, alternating.
			behaviour: (_receipt, attempt) => {
				if (upAt === Number.POSITIVE_INFINITY) upAt = clock.now() + 10 * MINUTE;
				return clock.now() < upAt
					? attempt % 2 === 0
						? { status: 503 }
						: 'drop'
					: { status: 200 };
			},
		});
		track(() => target.close());
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), target.url, {
				retry: { maxAttempts: 40, baseDelayMs: 1000, maxDelayMs: MINUTE },
			}),
			{ clock },
		);
		const ids = Array.from({ length: 12 }, (_, index) => `evt_down_${index}`);
		for (const id of ids) await deliver(receiver.deliveryUrl, id);

		await waitFor(() => target.accepted.length === ids.length, 'all events after the outage');
		expect(target.accepted.map((receipt) => receipt.deliveryId)).toEqual(ids);
		// Every refused request was retried (none dead-lettered), however many fit in the outage.
		const refused = target.requests.length - ids.length;
		expect(refused).toBeGreaterThanOrEqual(1);
		expect(receiver.metrics.retries.value({ target: 'flow' })).toBe(refused);
		expect(receiver.metrics.deadLettered.value({ target: 'flow' })).toBe(0);
		// Only the head of the queue is tried while the target is down; the rest wait their turn.
		const attemptedWhileDown = new Set(
			target.requests.slice(0, refused).map((receipt) => receipt.deliveryId),
		);
		expect([...attemptedWhileDown]).toEqual(['evt_down_0']);
		// Once it is back, each event goes out once, in order.
		expect(target.requests.slice(refused).map((receipt) => receipt.deliveryId)).toEqual(ids);
	});

	it.each([429, 503])('waits for the Retry-After of a %i answer', async (status) => {
		const clock = createScaledClock({ speed: 200 });
		const target = await startTarget({
			behaviour: (_receipt, attempt) =>
				attempt === 1 ? { status, headers: { 'retry-after': '120' } } : { status: 200 },
		});
		track(() => target.close());
		const lines: string[] = [];
		const logger = createJsonLogger({ level: 'info', write: (line) => lines.push(line) });
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), target.url, {
				retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 10 * MINUTE },
			}),
			{ clock, logger },
		);
		await deliver(receiver.deliveryUrl, 'evt_limited');
		await waitFor(() => target.accepted.length === 1, 'the retried forward');
		const [first, second] = target.requests;
		// Backoff alone would retry after ~10 ms of clock time; the target asked for 120 s.
		expect(second!.timestamp - first!.timestamp).toBeGreaterThanOrEqual(120);
		// …and exactly that, not something else capped by retry.maxDelayMs (600 s). Read from the
		// schedule the lane recorded: the gap between requests also holds however long a loaded
		// machine took to send the second one.
		const scheduled = lines
			.map((line) => JSON.parse(line) as { event: string; retry_in_ms?: number })
			.filter((line) => line.event === 'forward.retry_scheduled');
		expect(scheduled.map((line) => line.retry_in_ms)).toEqual([120_000]);
	});

	it('dead-letters after the last attempt and replays through the admin API', async () => {
		const target = await startTarget({ behaviour: () => ({ status: 500 }) });
		track(() => target.close());
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), target.url, {
				retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
			}),
		);
		await deliver(receiver.deliveryUrl, 'evt_a');
		await deliver(receiver.deliveryUrl, 'evt_b');
		await waitFor(
			() => receiver.metrics.deadLettered.value({ target: 'flow' }) === 2,
			'both dead letters',
		);
		expect(target.requests).toHaveLength(6);

		expect((await send(`${receiver.url}/admin/dead-letters`)).status).toBe(401);
		expect(
			(
				await send(`${receiver.url}/admin/dead-letters`, {
					headers: { authorization: 'Bearer wrong-token-000000000' },
				})
			).status,
		).toBe(401);

		const firstPage = (
			await send(`${receiver.url}/admin/dead-letters?limit=1`, { headers: adminHeaders })
		).json() as {
			items: Array<{ delivery_id: string; attempts: number; last_status: number; target: string }>;
			next_cursor: string | null;
		};
		expect(firstPage.items).toEqual([
			expect.objectContaining({
				delivery_id: 'evt_a',
				attempts: 3,
				last_status: 500,
				target: 'flow',
			}),
		]);
		const secondPage = (
			await send(`${receiver.url}/admin/dead-letters?limit=1&cursor=${firstPage.next_cursor}`, {
				headers: adminHeaders,
			})
		).json() as {
			items: Array<{ delivery_id: string }>;
		};
		expect(secondPage.items.map((item) => item.delivery_id)).toEqual(['evt_b']);

		target.setBehaviour(() => ({ status: 204 }));
		const one = await send(`${receiver.url}/admin/deliveries/evt_a/replay`, {
			method: 'POST',
			headers: adminHeaders,
		});
		expect(one.json()).toEqual({ replayed: 1 });
		await waitFor(() => target.accepted.length === 1, 'the replayed forward');
		expect(target.accepted[0]!.deliveryId).toBe('evt_a');

		const again = await send(`${receiver.url}/admin/deliveries/evt_a/replay`, {
			method: 'POST',
			headers: adminHeaders,
		});
		expect(again.status).toBe(409);
		expect(
			(
				await send(`${receiver.url}/admin/deliveries/evt_missing/replay`, {
					method: 'POST',
					headers: adminHeaders,
				})
			).status,
		).toBe(404);

		const rest = await send(`${receiver.url}/admin/dead-letters/replay`, {
			method: 'POST',
			headers: adminHeaders,
		});
		expect(rest.json()).toEqual({ replayed: 1 });
		await waitFor(() => target.accepted.length === 2, 'the second replayed forward');
		const recordOfB = async () =>
			(await send(`${receiver.url}/admin/deliveries/evt_b`, { headers: adminHeaders })).json() as {
				forwards: Array<{ state: string; attempts: number; last_status: number }>;
			};
		// The 2xx is recorded after the target answered it: wait for the record, not just the answer.
		await waitFor(
			async () => (await recordOfB()).forwards[0]?.state === 'delivered',
			'the replayed forward recorded as delivered',
		);
		const record = await recordOfB();
		expect(record.forwards).toEqual([
			expect.objectContaining({ state: 'delivered', attempts: 1, last_status: 204 }),
		]);
		const empty = (
			await send(`${receiver.url}/admin/dead-letters`, { headers: adminHeaders })
		).json() as { items: unknown[] };
		expect(empty.items).toEqual([]);
	});

	it('does not count n8n\'s start-up answer (200 "n8n is starting up") as delivered, and sends again', async () => {
		// n8n answers every request so while it checks its migrations, running nothing.
		const target = await startTarget({
			behaviour: (_receipt, attempt) => (attempt <= 2 ? 'n8n-starting' : { status: 200 }),
		});
		track(() => target.close());
		const receiver = await startTestReceiver(track, testConfig(makeTempDir(track), target.url));
		await deliver(receiver.deliveryUrl, 'evt_during_start');
		await waitFor(() => target.accepted.length === 1, 'the forward n8n ran');
		const record = async () =>
			(
				await send(`${receiver.url}/admin/deliveries/evt_during_start`, { headers: adminHeaders })
			).json() as { forwards: Array<{ state: string; attempts: number; last_status: number }> };
		await waitFor(
			async () => (await record()).forwards[0]?.state === 'delivered',
			'the forward recorded as delivered',
		);
		expect((await record()).forwards).toEqual([
			expect.objectContaining({ state: 'delivered', attempts: 3, last_status: 200 }),
		]);
		expect(target.requests.map((receipt) => receipt.deliveryId)).toEqual([
			'evt_during_start',
			'evt_during_start',
			'evt_during_start',
		]);
	});
});
