import { describe, expect, it } from 'vitest';

import { signApiWebhook } from '../../shared/webhooks/api-signature';
import { deliveryHeaders, envelopeBody, SECRET, WEBHOOK_ID } from './support/deliveries';
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

const OLD_SECRET = 'whsec-previous-secret-abcdef';
const EXPIRED_SECRET = 'whsec-expired-secret-zyxwvu';
const HOUR = 3_600_000;

async function setup() {
	const target = await startTarget();
	track(() => target.close());
	const receiver = await startTestReceiver(
		track,
		testConfig(makeTempDir(track), target.url, {
			secrets: [
				SECRET,
				{ secret: OLD_SECRET, validUntil: new Date(Date.now() + HOUR).toISOString() },
				{ secret: EXPIRED_SECRET, validUntil: new Date(Date.now() - HOUR).toISOString() },
			],
			webhookIds: [WEBHOOK_ID, 'wh_second'],
		}),
	);
	const isStored = async (deliveryId: string) =>
		(await send(`${receiver.url}/admin/deliveries/${deliveryId}`, { headers: adminHeaders }))
			.status === 200;
	return { target, receiver, isStored };
}

describe('signature verification (sha256 HMAC of the raw body)', () => {
	it('accepts a delivery signed with the current secret and forwards it', async () => {
		const { target, receiver, isStored } = await setup();
		const body = envelopeBody({ id: 'evt_valid' });
		const response = await post(
			receiver.deliveryUrl,
			body,
			deliveryHeaders(body, { deliveryId: 'evt_valid' }),
		);
		expect(response.status).toBe(200);
		expect(response.json()).toEqual({ received: true });
		expect(await isStored('evt_valid')).toBe(true);
		await waitFor(() => target.accepted.length === 1, 'the forward');
	});

	it('accepts upper-case hex signatures and any configured webhook id', async () => {
		const { receiver } = await setup();
		const body = envelopeBody({ id: 'evt_upper' });
		const headers = deliveryHeaders(body, { deliveryId: 'evt_upper', webhookId: 'wh_second' });
		headers['x-webhook-signature'] =
			`sha256=${headers['x-webhook-signature']!.slice(7).toUpperCase()}`;
		expect((await post(receiver.deliveryUrl, body, headers)).status).toBe(200);
	});

	it('accepts the previous secret inside its rotation overlap', async () => {
		const { receiver, isStored } = await setup();
		const body = envelopeBody({ id: 'evt_old_secret' });
		const response = await post(
			receiver.deliveryUrl,
			body,
			deliveryHeaders(body, { deliveryId: 'evt_old_secret', secret: OLD_SECRET }),
		);
		expect(response.status).toBe(200);
		expect(await isStored('evt_old_secret')).toBe(true);
	});

	const rejected: Array<[string, (body: string, id: string) => Record<string, string>]> = [
		[
			'a forged signature',
			(body, id) => deliveryHeaders(body, { deliveryId: id, secret: 'attacker-guess-secret' }),
		],
		[
			'a signature over different bytes',
			(body, id) => ({
				...deliveryHeaders(body, { deliveryId: id }),
				'x-webhook-signature': signApiWebhook(SECRET, `${body} `),
			}),
		],
		[
			'a missing signature',
			(body, id) => {
				const { 'x-webhook-signature': _omitted, ...rest } = deliveryHeaders(body, {
					deliveryId: id,
				});
				return rest;
			},
		],
		[
			'a malformed signature',
			(body, id) => ({
				...deliveryHeaders(body, { deliveryId: id }),
				'x-webhook-signature': 'sha1=abcdef',
			}),
		],
		[
			'a wrong webhook id',
			(body, id) => deliveryHeaders(body, { deliveryId: id, webhookId: 'wh_someone_else' }),
		],
		[
			'a missing webhook id',
			(body, id) => {
				const { 'x-webhook-id': _omitted, ...rest } = deliveryHeaders(body, { deliveryId: id });
				return rest;
			},
		],
		[
			'the previous secret after its overlap ended',
			(body, id) => deliveryHeaders(body, { deliveryId: id, secret: EXPIRED_SECRET }),
		],
	];

	it.each(rejected)(
		'rejects %s with 401 and stores and forwards nothing',
		async (_case, makeHeaders) => {
			const { target, receiver, isStored } = await setup();
			const body = envelopeBody({ id: 'evt_rejected' });
			const response = await post(receiver.deliveryUrl, body, makeHeaders(body, 'evt_rejected'));
			expect(response.status).toBe(401);
			expect(response.json()).toMatchObject({ error: 'invalid_signature' });
			expect(await isStored('evt_rejected')).toBe(false);
			expect(receiver.metrics.rejected.value({ reason: 'invalid_signature' })).toBe(1);
			// A valid delivery afterwards is the only thing the target ever sees.
			const good = envelopeBody({ id: 'evt_after' });
			expect(
				(await post(receiver.deliveryUrl, good, deliveryHeaders(good, { deliveryId: 'evt_after' })))
					.status,
			).toBe(200);
			await waitFor(() => target.accepted.length === 1, 'the valid forward');
			expect(target.requests.map((request) => request.deliveryId)).toEqual(['evt_after']);
		},
	);
});
