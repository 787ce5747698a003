import { describe, expect, it } from 'vitest';

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
const HOUR = 3_600_000;

async function setup(
	overrides: Parameters<typeof testConfig>[2] = {},
	clock?: ReturnType<typeof createScaledClock>,
) {
	const target = await startTarget();
	track(() => target.close());
	const receiver = await startTestReceiver(
		track,
		testConfig(makeTempDir(track), target.url, overrides),
		clock === undefined ? {} : { clock },
	);
	return { target, receiver };
}

describe('replay protection: de-duplication on the signed envelope', () => {
	it('a captured delivery re-sent under new X-Delivery-Id values is refused and forwarded once', async () => {
		const { target, receiver } = await setup();
		const body = envelopeBody({ id: 'evt_captured' });
		expect(
			(
				await post(
					receiver.deliveryUrl,
					body,
					deliveryHeaders(body, { deliveryId: 'evt_captured' }),
				)
			).status,
		).toBe(200);
		for (const forged of ['dlv_forged_1', 'dlv_forged_2']) {
			const replay = await post(
				receiver.deliveryUrl,
				body,
				deliveryHeaders(body, { deliveryId: forged }),
			);
			expect(replay.status).toBe(400);
			expect(replay.json()).toMatchObject({ error: 'delivery_id_mismatch' });
		}
		// A marker delivery stored after the replays: the lane forwards in store order, so a replay that
		// had been stored would reach the target before the marker does.
		const marker = envelopeBody({ id: 'evt_marker' });
		expect(
			(
				await post(
					receiver.deliveryUrl,
					marker,
					deliveryHeaders(marker, { deliveryId: 'evt_marker' }),
				)
			).status,
		).toBe(200);
		await waitFor(() => target.accepted.length === 2, 'the forward and the marker');
		expect(target.requests.map((receipt) => receipt.deliveryId)).toEqual([
			'evt_captured',
			'evt_marker',
		]);
	});

	it('a delivery without X-Delivery-Id is de-duplicated on the envelope id', async () => {
		const { receiver } = await setup();
		const body = envelopeBody({ id: 'evt_no_header' });
		const headers = deliveryHeaders(body, { deliveryId: 'evt_no_header' });
		delete headers['x-delivery-id'];
		expect((await post(receiver.deliveryUrl, body, headers)).json()).toEqual({ received: true });
		expect((await post(receiver.deliveryUrl, body, headers)).json()).toEqual({
			received: true,
			duplicate: true,
		});
	});

	it('de-duplicates per subscription: the same event id from two subscriptions is two deliveries', async () => {
		const { target, receiver } = await setup({ webhookIds: ['wh_test_1', 'wh_other'] });
		const body = envelopeBody({ id: 'evt_shared_id' });
		for (const webhookId of ['wh_test_1', 'wh_other']) {
			const response = await post(
				receiver.deliveryUrl,
				body,
				deliveryHeaders(body, { deliveryId: 'evt_shared_id', webhookId }),
			);
			expect(response.json()).toEqual({ received: true });
		}
		const again = await post(
			receiver.deliveryUrl,
			body,
			deliveryHeaders(body, { deliveryId: 'evt_shared_id', webhookId: 'wh_other' }),
		);
		expect(again.json()).toEqual({ received: true, duplicate: true });
		await waitFor(() => target.accepted.length === 2, 'one forward per subscription');
	});

	it('refuses envelopes older than the de-duplication window, or without created_at', async () => {
		const { target, receiver } = await setup({ retentionHours: 12 });
		const stale = envelopeBody({
			id: 'evt_stale',
			createdAt: new Date(Date.now() - 13 * HOUR).toISOString(),
		});
		const staleAnswer = await post(
			receiver.deliveryUrl,
			stale,
			deliveryHeaders(stale, { deliveryId: 'evt_stale' }),
		);
		expect(staleAnswer.status).toBe(400);
		expect(staleAnswer.json()).toMatchObject({ error: 'stale_envelope' });
		const undated = envelopeBody({ id: 'evt_undated', createdAt: null });
		const undatedAnswer = await post(
			receiver.deliveryUrl,
			undated,
			deliveryHeaders(undated, { deliveryId: 'evt_undated' }),
		);
		expect(undatedAnswer.status).toBe(400);
		expect(undatedAnswer.json()).toMatchObject({ error: 'missing_created_at' });
		expect(
			(await send(`${receiver.url}/admin/deliveries/evt_stale`, { headers: adminHeaders })).status,
		).toBe(404);
		expect(target.requests).toHaveLength(0);
	});

	it('retention pruning does not reopen a replay', async () => {
		// 12 h of retention pass in about a second of real time.
		const clock = createScaledClock({ speed: 40_000 });
		const { target, receiver } = await setup({ retentionHours: 12 }, clock);
		const body = envelopeBody({ id: 'evt_pruned', createdAt: new Date(clock.now()).toISOString() });
		const headers = deliveryHeaders(body, { deliveryId: 'evt_pruned' });
		expect((await post(receiver.deliveryUrl, body, headers)).status).toBe(200);
		await waitFor(() => target.accepted.length === 1, 'the forward');
		await waitFor(
			async () =>
				(await send(`${receiver.url}/admin/deliveries/evt_pruned`, { headers: adminHeaders }))
					.status === 404,
			'retention to prune the delivery',
			10_000,
		);
		const replay = await post(receiver.deliveryUrl, body, headers);
		expect(replay.status).toBe(400);
		expect(replay.json()).toMatchObject({ error: 'stale_envelope' });
		expect(target.requests).toHaveLength(1);
	});
});
