import { afterEach, describe, expect, it } from 'vitest';

import { signApiWebhook } from '../../../shared/webhooks/api-signature';
import { recentDeliveries } from '../../../triggers/VideoVectorTrigger/recent-deliveries';
import { rotateInSecret } from '../../../triggers/VideoVectorTrigger/signing-secrets';
import { TriggerState } from '../../../triggers/VideoVectorTrigger/trigger-state';
import { MAX_ENVELOPE_BYTES } from '../../../triggers/VideoVectorTrigger/verify-delivery';
import { apiCall, listWebhooks, sendTestDelivery } from './support/emulator-api';
import { useTriggerWorld } from './support/fixture';
import type { TriggerHost } from './support/trigger-host';
import { apiDeliveryHeaders, apiEnvelope } from './support/signed-delivery';
import { waitUntil } from './support/wait';

const world = useTriggerWorld();
const MINUTE = 60_000;

interface Published {
	host: TriggerHost;
	webhookId: string;
	secret: string;
}

async function published(parameters: Record<string, unknown> = {}): Promise<Published> {
	const host = await world.host({
		events: ['prompt_run.completed', 'export.ready'],
		...parameters,
	});
	await host.publish();
	const registration = new TriggerState(host.savedStaticData).registration(host.productionUrl);
	if (!registration?.webhookId || !registration.secrets[0]) throw new Error('not registered');
	return { host, webhookId: registration.webhookId, secret: registration.secrets[0].secret };
}

/** Headers exactly as VideoVector sends them (docs/api/conventions.md#webhook-delivery). */
/** `X-Delivery-Id` equals the envelope id, as VideoVector sends it (unparsable bodies get a placeholder). */
function envelopeIdOf(body: string | Buffer): string {
	try {
		return String((JSON.parse(body.toString()) as { id?: unknown }).id ?? 'dlv_manual_1');
	} catch {
		return 'dlv_manual_1';
	}
}

function signed(
	secret: string,
	webhookId: string,
	body: string | Buffer,
	deliveryId = envelopeIdOf(body),
): Record<string, string> {
	return {
		...apiDeliveryHeaders(secret, webhookId, body, deliveryId),
		'x-delivery-attempt-id': 'att_manual_1',
	};
}

function refusalsLogged(host: TriggerHost): string[] {
	return host.logs.filter((line) => line.level === 'warn').map((line) => line.message);
}

afterEach(() => {
	world.emulator.control.faults.clear();
});

describe('deliveries from the emulator to the trigger over HTTP', () => {
	it('a signed event starts the workflow once, with the envelope and the delivery facts', async () => {
		const { host, webhookId } = await published();
		world.emulator.control.events.emit('prompt_run.completed', {
			run_id: 'run_77',
			payload: { status: 'completed', total_segments: 4 },
		});
		await waitUntil(() => host.executions.length === 1, 'the execution');

		const [item] = host.executions[0]?.items ?? [];
		const json = item?.json as Record<string, unknown>;
		const delivery = json.delivery as Record<string, unknown>;
		expect(json).toMatchObject({
			event: 'prompt_run.completed',
			data: { run_id: 'run_77', status: 'completed', total_segments: 4 },
			api_version: '2024-01',
			metadata: { n8n_workflow_id: 'wf-trigger-test', n8n_node_id: 'node-trigger-1' },
		});
		expect(delivery).toEqual({
			mode: 'direct',
			webhook_id: webhookId,
			delivery_id: json.event_id,
			attempt_id: expect.any(String),
			idempotency_key: json.event_id,
		});
		await waitUntil(() => host.answers.length === 1, 'the answer');
		expect(host.answers[0]).toMatchObject({ status: 200, body: { received: true } });
		const log = (await apiCall(world.emulator, 'GET', `/webhooks/${webhookId}/deliveries`))
			.body as Array<Record<string, unknown>>;
		expect(log[0]).toMatchObject({ delivery_id: json.event_id, response_status_code: 200 });
	});

	it('the emulator\'s "send test delivery" reaches the trigger and counts as delivered', async () => {
		const { host, webhookId } = await published();
		expect(await sendTestDelivery(world.emulator, webhookId)).toMatchObject({
			success: true,
			status_code: 200,
		});
		expect(host.executions[0]?.items[0]?.json).toMatchObject({ event: 'webhook.test' });
	});

	it('refuses forged, unsigned and foreign-subscription deliveries with 401 and starts nothing', async () => {
		const { host, webhookId, secret } = await published();
		const body = apiEnvelope('evt_forged');
		const cases: Array<[string, Record<string, string>, string]> = [
			['forged signature', signed('whsec_guessed', webhookId, body), 'signature_mismatch'],
			[
				'missing signature',
				{ 'x-webhook-id': webhookId, 'x-delivery-id': 'dlv_x' },
				'missing_signature',
			],
			[
				'missing webhook id',
				{ 'x-webhook-signature': signApiWebhook(secret, body) },
				'missing_webhook_id',
			],
			['another subscription', signed(secret, 'wh_someone_else', body), 'webhook_id_mismatch'],
			[
				'signature of other bytes',
				signed(secret, webhookId, apiEnvelope('evt_other')),
				'signature_mismatch',
			],
		];
		for (const [name, headers, reason] of cases) {
			const answer = await host.deliver('production', body, headers);
			expect(answer, name).toEqual({
				status: 401,
				body: { error: 'Invalid webhook signature or subscription' },
			});
			expect(refusalsLogged(host).at(-1), name).toContain(reason);
		}
		expect(host.executions).toEqual([]);
	});

	it('fails closed when the trigger holds no secret: the emulator gets 401 and retries later', async () => {
		const { host, webhookId } = await published();
		host.savedStaticData = {};
		expect(await sendTestDelivery(world.emulator, webhookId)).toMatchObject({
			success: false,
			status_code: 401,
		});
		expect(host.executions).toEqual([]);
		expect(refusalsLogged(host).at(-1)).toContain('no_secrets');
	});

	it('after a rotation the previous secret is accepted within the overlap and refused after it', async () => {
		const { host, webhookId, secret: oldSecret } = await published();
		const rotated = (await apiCall(world.emulator, 'POST', `/webhooks/${webhookId}/rotate-secret`))
			.body as { new_secret: string };
		const state = () => new TriggerState(host.savedStaticData);
		const original = state().registration(host.productionUrl);
		if (!original) throw new Error('no registration');
		const rotateAt = (at: number) =>
			state().setRegistration(host.productionUrl, {
				...original,
				secrets: rotateInSecret(original.secrets, rotated.new_secret, at, 30 * MINUTE),
			});

		rotateAt(Date.now());
		expect((await sendTestDelivery(world.emulator, webhookId)).status_code).toBe(200); // new secret
		const late = apiEnvelope('evt_late_retry');
		expect(
			(await host.deliver('production', late, signed(oldSecret, webhookId, late))).status,
		).toBe(200);

		rotateAt(Date.now() - 31 * MINUTE);
		const stale = apiEnvelope('evt_stale');
		expect(
			(await host.deliver('production', stale, signed(oldSecret, webhookId, stale))).status,
		).toBe(401);
		expect((await sendTestDelivery(world.emulator, webhookId)).status_code).toBe(200);
		expect(host.executions).toHaveLength(3);
		const logged = host.logs.map((line) => line.message).join('\n');
		for (const value of [oldSecret, rotated.new_secret]) expect(logged).not.toContain(value);
	});

	it('a re-registration that returns the same webhook with a new secret keeps the old one for the configured overlap', async () => {
		const {
			host,
			webhookId,
			secret: oldSecret,
		} = await published({ options: { previousSecretOverlapMinutes: 5 } });
		// Deleted remotely while the trigger still holds its state: the same key re-creates the same id with a fresh secret (docs/api/conventions.md#idempotency-keys).
		await apiCall(world.emulator, 'DELETE', `/webhooks/${webhookId}`);
		const before = Date.now();
		await host.trigger.webhookMethods.default.create.call(
			host.hookContext('production', 'trigger', host.savedStaticData),
		);
		const registration = new TriggerState(host.savedStaticData).registration(host.productionUrl);
		expect(registration?.webhookId).toBe(webhookId);
		expect(registration?.secrets).toHaveLength(2);
		expect(registration?.secrets[0]).toMatchObject({ validUntil: null });
		expect(registration?.secrets[0]?.secret).not.toBe(oldSecret);
		expect(registration?.secrets[1]?.secret).toBe(oldSecret);
		expect(registration?.secrets[1]?.validUntil).toBeGreaterThanOrEqual(before + 5 * MINUTE);
		expect(registration?.secrets[1]?.validUntil).toBeLessThanOrEqual(Date.now() + 5 * MINUTE);
		expect(await listWebhooks(world.emulator)).toHaveLength(1);
	});

	it('a duplicated delivery (same delivery id) starts the workflow once and is still acknowledged', async () => {
		const { host, webhookId, secret } = await published();
		world.emulator.control.faults.webhooks({ duplicate: true });
		world.emulator.control.events.emit('export.ready', {
			payload: { export_id: 'exp_1', status: 'completed' },
		});
		await waitUntil(() => host.answers.length === 2, 'both copies');
		expect(host.answers.map((answer) => answer.body)).toEqual([
			{ received: true },
			{ received: true, duplicate: true },
		]);
		expect(host.executions).toHaveLength(1);

		// A later retry of the same delivery (new attempt id, same delivery id) is recognised too.
		const body = apiEnvelope('evt_again', 'export.ready', { export_id: 'exp_2' });
		const headers = signed(secret, webhookId, body);
		expect((await host.deliver('production', body, headers)).body).toEqual({ received: true });
		expect(
			(await host.deliver('production', body, { ...headers, 'x-delivery-attempt-id': 'att_2' }))
				.body,
		).toEqual({ received: true, duplicate: true });
		// Headers are not signed: a captured body replayed under a made-up delivery id is refused.
		expect(
			(await host.deliver('production', body, { ...headers, 'x-delivery-id': 'dlv_made_up' }))
				.status,
		).toBe(400);
		expect(host.executions).toHaveLength(2);
	});

	it('a duplicate is caught in this process, also while the first execution runs; a restart forgets it, as n8n 2.41.1 saves no static data from webhook()', async () => {
		const { host, webhookId, secret } = await published();
		const body = apiEnvelope('evt_layers');
		const headers = signed(secret, webhookId, body);
		expect((await host.deliver('production', body, headers)).body).toEqual({ received: true });
		const copies = await Promise.all(
			[1, 2, 3].map(() => host.deliver('production', body, headers)),
		);
		expect(copies.map((copy) => copy.body)).toEqual(
			[1, 2, 3].map(() => ({ received: true, duplicate: true })),
		);
		expect(host.executions).toHaveLength(1);

		recentDeliveries.clear(); // n8n restarted
		expect((await host.deliver('production', body, headers)).body).toEqual({ received: true });
		expect(host.executions).toHaveLength(2);

		// Were static data saved (a fixed n8n), the copy there would still catch it after a restart.
		host.persistStaticData = true;
		const kept = apiEnvelope('evt_kept');
		const keptHeaders = signed(secret, webhookId, kept);
		await host.deliver('production', kept, keptHeaders);
		recentDeliveries.clear();
		expect((await host.deliver('production', kept, keptHeaders)).body).toEqual({
			received: true,
			duplicate: true,
		});
		expect(host.executions).toHaveLength(3);
	});

	it('a refused copy does not count as received: the valid retry of that delivery still starts the workflow', async () => {
		const { host, webhookId, secret } = await published();
		const body = apiEnvelope('evt_retry');
		expect(
			(await host.deliver('production', body, signed('whsec_wrong', webhookId, body))).status,
		).toBe(401);
		expect((await host.deliver('production', body, signed(secret, webhookId, body))).status).toBe(
			200,
		);
		expect(host.executions).toHaveLength(1);
	});

	it('refuses a malformed or non-envelope body with 400 once signed, logs why, and starts nothing', async () => {
		const { host, webhookId, secret } = await published();
		const garbage = '{"id": "evt_1", "event": "prompt_run.completed", ';
		expect(await host.deliver('production', garbage, signed(secret, webhookId, garbage))).toEqual({
			status: 400,
			body: { error: 'Malformed event envelope' },
		});
		expect(refusalsLogged(host).at(-1)).toMatch(/HTTP 400 \(malformed_json/);
		const notEnvelope = JSON.stringify({ hello: 'world' });
		expect(
			(await host.deliver('production', notEnvelope, signed(secret, webhookId, notEnvelope)))
				.status,
		).toBe(400);
		expect(refusalsLogged(host).at(-1)).toMatch(/invalid_envelope: id: Required; event: Required/);
		// Unsigned garbage is an authentication failure first.
		expect(
			(await host.deliver('production', garbage, signed('whsec_forged', webhookId, garbage)))
				.status,
		).toBe(401);
		expect(host.executions).toEqual([]);
	});

	it('refuses oversized bodies with 413: above the envelope limit in the trigger, above the payload limit in n8n', async () => {
		const { host, webhookId, secret } = await published();
		const big = Buffer.from(
			apiEnvelope('evt_big', 'prompt_run.completed', {
				run_id: 'run_1',
				pad: 'x'.repeat(MAX_ENVELOPE_BYTES),
			}),
		);
		expect(await host.deliver('production', big, signed(secret, webhookId, big))).toEqual({
			status: 413,
			body: { error: 'Payload too large' },
		});
		expect(refusalsLogged(host).at(-1)).toContain('body_too_large');

		const limited = await world.host({ events: ['*'] }, { payloadLimitBytes: 2 * 1024 * 1024 });
		await limited.publish();
		const huge = Buffer.alloc(3 * 1024 * 1024, 0x20);
		expect(
			(await limited.deliver('production', huge, signed(secret, webhookId, huge))).status,
		).toBe(413);
		expect(limited.logs.filter((line) => line.level === 'warn')).toEqual([]); // n8n refused it; the trigger never ran
		expect([...host.executions, ...limited.executions]).toEqual([]);
	});

	it('ignores events outside the selection and index filter (acknowledged, no execution); test deliveries always pass', async () => {
		const { host, webhookId, secret } = await published({
			events: ['prompt_run.completed'],
			indexIds: ['idx_mine'],
		});
		const send = (id: string, event: string, data: Record<string, unknown>) => {
			const body = apiEnvelope(id, event, data);
			return host.deliver('production', body, signed(secret, webhookId, body));
		};
		expect((await send('a', 'media.created', { video_id: 'vid_1' })).body).toEqual({
			received: true,
			ignored: true,
		});
		expect(
			(await send('b', 'prompt_run.completed', { run_id: 'run_1', index_id: 'idx_other' })).body,
		).toEqual({ received: true, ignored: true });
		expect(
			(await send('c', 'prompt_run.completed', { run_id: 'run_1', index_id: 'idx_mine' })).body,
		).toEqual({ received: true });
		expect((await send('d', 'prompt_run.completed', { run_id: 'run_2' })).body).toEqual({
			received: true,
		});
		expect((await send('e', 'webhook.test', { webhook_id: webhookId })).body).toEqual({
			received: true,
		});
		expect(host.executions.map((execution) => execution.items[0]?.json.event_id)).toEqual([
			'c',
			'd',
			'e',
		]);
	});

	it('"Fetch Full Object" adds the run or export the event names, or the reason it could not', async () => {
		const seeded = world.emulator.control.seed.index({ media: 1, segmentsPerMedia: 1 });
		const { host, webhookId, secret } = await published({
			events: ['*'],
			options: { fetchFullObject: true },
		});
		const send = async (id: string, event: string, data: Record<string, unknown>) => {
			const body = apiEnvelope(id, event, data);
			await host.deliver('production', body, signed(secret, webhookId, body));
			return host.executions.at(-1)?.items[0]?.json as Record<string, unknown>;
		};
		const run = await send('run', 'prompt_run.completed', { run_id: seeded.run_id });
		expect(run.object).toMatchObject({ run_id: seeded.run_id });
		const media = await send('media', 'media.processing.completed', {
			video_id: seeded.video_ids[0],
		});
		expect(media.object).toMatchObject({ video_id: seeded.video_ids[0] });
		const missing = await send('missing', 'export.ready', { export_id: 'exp_does_not_exist' });
		expect(missing).toMatchObject({ object: null, object_error: { http_code: 404 } });
		const test = await send('test', 'webhook.test', { webhook_id: webhookId });
		expect(test.object).toBeNull();
		expect(host.executions).toHaveLength(4);
	});
});
