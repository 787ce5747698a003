import { describe, expect, it } from 'vitest';

import { signApiWebhook } from '../../../shared/webhooks/api-signature';
import { standardWebhookHeaders } from '../../../shared/webhooks/standard-webhooks';
import {
	MAX_ENVELOPE_BYTES,
	verifyApiDelivery,
	verifyReceiverDelivery,
} from '../../../triggers/VideoVectorTrigger/verify-delivery';

const SECRET = 'whsec_api_current_0123456789';
const OLD_SECRET = 'whsec_api_previous_9876543210';
const RECEIVER_SECRET = `whsec_${Buffer.from('receiver-shared-secret-32-bytes!').toString('base64')}`;
const envelope = {
	id: 'evt_1',
	event: 'prompt_run.completed',
	data: { run_id: 'run_1' },
	api_version: '2024-01',
	created_at: '2026-04-20T10:00:00Z',
};
const body = Buffer.from(JSON.stringify(envelope));
const subscriptions = [{ webhookId: 'wh_1', secrets: [SECRET, OLD_SECRET] }];

function apiHeaders(
	secret = SECRET,
	raw: Buffer | string = body,
	webhookId = 'wh_1',
): Record<string, string> {
	return {
		'x-webhook-signature': signApiWebhook(secret, raw),
		'x-webhook-id': webhookId,
		'x-delivery-id': 'dlv_1',
		'idempotency-key': 'dlv_1',
		'x-delivery-attempt-id': 'att_1',
	};
}

describe('verifying a delivery from VideoVector', () => {
	it('accepts the exact signed bytes and reports the delivery facts', () => {
		const verdict = verifyApiDelivery({ rawBody: body, headers: apiHeaders(), subscriptions });
		expect(verdict).toEqual({
			ok: true,
			envelope,
			delivery: {
				mode: 'direct',
				webhook_id: 'wh_1',
				delivery_id: 'dlv_1',
				attempt_id: 'att_1',
				idempotency_key: 'dlv_1',
			},
		});
	});

	it('accepts the previous secret while it is listed, and uppercase hex', () => {
		expect(
			verifyApiDelivery({ rawBody: body, headers: apiHeaders(OLD_SECRET), subscriptions }).ok,
		).toBe(true);
		const upper = apiHeaders();
		upper['x-webhook-signature'] =
			`sha256=${upper['x-webhook-signature'].slice('sha256='.length).toUpperCase()}`;
		expect(verifyApiDelivery({ rawBody: body, headers: upper, subscriptions }).ok).toBe(true);
	});

	it('uses the envelope id when X-Delivery-Id is absent', () => {
		const { 'x-delivery-id': _omit, ...headers } = apiHeaders();
		const verdict = verifyApiDelivery({ rawBody: body, headers, subscriptions });
		expect(verdict.ok && verdict.delivery.delivery_id).toBe('evt_1');
	});

	it.each([
		[
			'a tampered body',
			{ rawBody: Buffer.from(JSON.stringify({ ...envelope, event: 'export.ready' })) },
			'signature_mismatch',
		],
		[
			'a re-serialised body',
			{ rawBody: Buffer.from(JSON.stringify(envelope, null, 2)) },
			'signature_mismatch',
		],
		['a wrong secret', { headers: apiHeaders('whsec_forged') }, 'signature_mismatch'],
		[
			'a missing signature',
			{ headers: { ...apiHeaders(), 'x-webhook-signature': '' } },
			'missing_signature',
		],
		[
			'a malformed signature',
			{ headers: { ...apiHeaders(), 'x-webhook-signature': 'sha1=abc' } },
			'malformed_signature',
		],
		[
			'two signatures',
			{
				headers: {
					...apiHeaders(),
					'x-webhook-signature': [apiHeaders()['x-webhook-signature'], 'x'],
				},
			},
			'missing_signature',
		],
		[
			'a missing webhook id',
			{ headers: { ...apiHeaders(), 'x-webhook-id': '' } },
			'missing_webhook_id',
		],
		[
			'another subscription id',
			{ headers: apiHeaders(SECRET, body, 'wh_other') },
			'webhook_id_mismatch',
		],
		['no stored secret', { subscriptions: [{ webhookId: 'wh_1', secrets: [] }] }, 'no_secrets'],
		['no registration', { subscriptions: [] }, 'no_secrets'],
		['no raw body', { rawBody: undefined }, 'no_raw_body'],
	] as const)('refuses %s with 401', (_name, override, reason) => {
		const verdict = verifyApiDelivery({
			rawBody: body,
			headers: apiHeaders(),
			subscriptions,
			...override,
		});
		expect(verdict).toMatchObject({ ok: false, status: 401, reason });
	});

	it('picks the registration the webhook id names (test and production side by side)', () => {
		const both = [
			{ webhookId: 'wh_test', secrets: ['test-secret'] },
			{ webhookId: 'wh_1', secrets: [SECRET] },
		];
		expect(
			verifyApiDelivery({ rawBody: body, headers: apiHeaders(), subscriptions: both }).ok,
		).toBe(true);
		expect(
			verifyApiDelivery({ rawBody: body, headers: apiHeaders('test-secret'), subscriptions: both })
				.ok,
		).toBe(false);
	});

	it('refuses malformed JSON and envelopes that fail the schema with 400, but only once signed', () => {
		const garbage = Buffer.from('{"id": "evt_1", "event": ');
		expect(
			verifyApiDelivery({ rawBody: garbage, headers: apiHeaders(SECRET, garbage), subscriptions }),
		).toMatchObject({
			ok: false,
			status: 400,
			reason: 'malformed_json',
		});
		expect(
			verifyApiDelivery({
				rawBody: garbage,
				headers: apiHeaders('whsec_forged', garbage),
				subscriptions,
			}),
		).toMatchObject({ status: 401 });
		const noEvent = Buffer.from(JSON.stringify({ id: 'evt_2', data: {} }));
		const verdict = verifyApiDelivery({
			rawBody: noEvent,
			headers: apiHeaders(SECRET, noEvent),
			subscriptions,
		});
		expect(verdict).toMatchObject({ ok: false, status: 400, reason: 'invalid_envelope' });
		expect(!verdict.ok && verdict.detail).toMatch(/event/);
	});

	it('refuses bodies over the limit with 413 before computing any HMAC', () => {
		const big = Buffer.alloc(MAX_ENVELOPE_BYTES + 1, 0x20);
		expect(verifyApiDelivery({ rawBody: big, headers: {}, subscriptions })).toMatchObject({
			ok: false,
			status: 413,
		});
		expect(
			verifyApiDelivery({
				rawBody: body,
				headers: apiHeaders(),
				subscriptions,
				maxBodyBytes: body.length - 1,
			}),
		).toMatchObject({ status: 413 });
	});
});

describe('verifying a delivery forwarded by the webhook receiver', () => {
	const now = 1_770_000_000;
	const signed = (timestamp: number, secrets = [RECEIVER_SECRET]) =>
		standardWebhookHeaders(secrets, { id: 'msg_dlv_1', timestamp, rawBody: body });

	it('accepts a fresh Standard Webhooks signature; the message id is the dedupe key', () => {
		const verdict = verifyReceiverDelivery({
			rawBody: body,
			headers: signed(now),
			secrets: [RECEIVER_SECRET],
			nowSeconds: now,
		});
		expect(verdict).toEqual({
			ok: true,
			envelope,
			delivery: {
				mode: 'receiver',
				delivery_id: 'msg_dlv_1',
				webhook_id: null,
				attempt_id: null,
				idempotency_key: null,
			},
		});
	});

	it('accepts ±5 minutes of clock difference and refuses a stale or future timestamp', () => {
		for (const skew of [-300, 300]) {
			expect(
				verifyReceiverDelivery({
					rawBody: body,
					headers: signed(now + skew),
					secrets: [RECEIVER_SECRET],
					nowSeconds: now,
				}).ok,
			).toBe(true);
		}
		expect(
			verifyReceiverDelivery({
				rawBody: body,
				headers: signed(now - 301),
				secrets: [RECEIVER_SECRET],
				nowSeconds: now,
			}),
		).toMatchObject({
			status: 401,
			reason: 'timestamp_too_old',
		});
		expect(
			verifyReceiverDelivery({
				rawBody: body,
				headers: signed(now + 301),
				secrets: [RECEIVER_SECRET],
				nowSeconds: now,
			}),
		).toMatchObject({
			status: 401,
			reason: 'timestamp_in_future',
		});
	});

	it('refuses another secret, accepts the previous one while configured, fails closed without any', () => {
		const other = `whsec_${Buffer.from('another-secret-of-32-bytes-long!').toString('base64')}`;
		expect(
			verifyReceiverDelivery({
				rawBody: body,
				headers: signed(now, [other]),
				secrets: [RECEIVER_SECRET],
				nowSeconds: now,
			}).ok,
		).toBe(false);
		expect(
			verifyReceiverDelivery({
				rawBody: body,
				headers: signed(now, [other]),
				secrets: [RECEIVER_SECRET, other],
				nowSeconds: now,
			}).ok,
		).toBe(true);
		expect(
			verifyReceiverDelivery({ rawBody: body, headers: signed(now), secrets: [], nowSeconds: now }),
		).toMatchObject({ reason: 'no_secrets' });
	});
});
