import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, waitFor, type TestEmulator } from './helpers.js';
import { Receiver, type ReceivedDelivery } from './receiver.js';

function verify(secret: string, delivery: ReceivedDelivery): boolean {
	const header = String(delivery.headers['x-webhook-signature'] ?? '');
	const match = /^sha256=([0-9a-f]{64})$/.exec(header);
	if (!match) return false;
	const expected = createHmac('sha256', secret).update(delivery.body).digest();
	return timingSafeEqual(expected, Buffer.from(match[1] as string, 'hex'));
}

describe('webhook deliveries (docs/api/conventions.md#webhooks)', () => {
	let t: TestEmulator;
	let receiver: Receiver;
	beforeEach(async () => {
		t = await startTestEmulator({ clockScale: 1000 });
		receiver = await Receiver.start();
	});
	afterEach(async () => {
		await t.close();
		await receiver.close();
	});

	const subscribe = async (body: Record<string, unknown> = {}) => {
		const res = await t.call('POST', '/webhooks', {
			body: { name: 'test hook', url: receiver.url, events: ['media.created'], ...body },
		});
		expect(res.status, res.text).toBe(201);
		expect(res.body.secret).toBeTruthy();
		return res.body as { webhook_id: string; secret: string };
	};
	const createMedia = (indexId: string, title = 'clip') =>
		t.call('POST', '/videos', {
			body: { title, video_uri: `gs://bucket/${title}.mp4`, index_id: indexId },
		});

	it('signs the raw body per docs/api/conventions.md#webhook-signature and sends the documented headers and envelope', async () => {
		const index = (await t.call('POST', '/indexes', { body: { name: 'hooks' } })).body.index_id;
		const hook = await subscribe({ metadata: { n8n_workflow_id: 'wf1' } });
		const video = await createMedia(index);
		const [delivery] = await waitFor(() => (receiver.received.length ? receiver.received : null));
		expect(verify(hook.secret, delivery!)).toBe(true);
		expect(verify('whsec_wrong', delivery!)).toBe(false);
		const envelope = JSON.parse(delivery!.body);
		expect(envelope).toMatchObject({
			event: 'media.created',
			api_version: '2024-01',
			data: { video_id: video.body.video_id, index_id: index },
			metadata: { n8n_workflow_id: 'wf1' },
		});
		expect(envelope.id).toMatch(/^evt_/);
		expect(delivery!.headers['content-type']).toBe('application/json');
		expect(delivery!.headers['x-webhook-id']).toBe(hook.webhook_id);
		expect(delivery!.headers['x-delivery-id']).toBe(envelope.id);
		expect(delivery!.headers['idempotency-key']).toBe(envelope.id);
		expect(delivery!.headers['x-delivery-attempt-id']).toBeTruthy();
		const log = await waitFor(async () => {
			const res = await t.call('GET', `/webhooks/${hook.webhook_id}/deliveries`);
			return res.body[0]?.status === 'delivered' ? res.body : null;
		});
		expect(log[0].delivery_id).toBe(envelope.id);
		expect(log[0].response_status_code).toBe(200);
		const one = await t.call('GET', `/webhooks/deliveries/${envelope.id}`);
		expect(one.body.payload).toEqual(envelope);
	});

	it('retries non-2xx answers with the same delivery id and a new attempt id', async () => {
		const index = (await t.call('POST', '/indexes', { body: { name: 'retry' } })).body.index_id;
		const hook = await subscribe();
		receiver.script = [500, 503];
		await createMedia(index);
		await waitFor(() => receiver.received.length >= 3);
		const [a, b, c] = receiver.received;
		expect(new Set([a, b, c].map((d) => d!.headers['x-delivery-id'])).size).toBe(1);
		expect(new Set([a, b, c].map((d) => d!.headers['x-delivery-attempt-id'])).size).toBe(3);
		expect(a!.body).toBe(c!.body);
		const delivery = await waitFor(async () => {
			const res = await t.call('GET', `/webhooks/${hook.webhook_id}/deliveries`);
			return res.body[0]?.status === 'delivered' ? res.body[0] : null;
		});
		expect(delivery.attempts).toBe(3);
		expect(delivery.attempt_history.map((h: { status_code: number }) => h.status_code)).toEqual([
			500, 503, 200,
		]);
	});

	it('gives up after maxAttempts, then a manual retry re-sends it', async () => {
		t.emu.control.config.update({ webhooks: { maxAttempts: 2 } });
		const index = (await t.call('POST', '/indexes', { body: { name: 'fail' } })).body.index_id;
		const hook = await subscribe();
		receiver.script = [500, 500];
		await createMedia(index);
		const failed = await waitFor(async () => {
			const res = await t.call('GET', `/webhooks/${hook.webhook_id}/deliveries`, {
				query: { status: 'failed' },
			});
			return res.body[0];
		});
		expect(failed.attempts).toBe(2);
		expect((await t.call('GET', `/webhooks/${hook.webhook_id}`)).body.failure_count).toBe(2);
		const retried = await t.call('POST', `/webhooks/deliveries/${failed.delivery_id}/retry`);
		expect(retried.status).toBe(200);
		await waitFor(() => receiver.received.length >= 3);
		const final = await waitFor(async () => {
			const res = await t.call('GET', `/webhooks/deliveries/${failed.delivery_id}`);
			return res.body.status === 'delivered' ? res.body : null;
		});
		expect(final.attempts).toBe(3);
		expect((await t.call('POST', `/webhooks/deliveries/${failed.delivery_id}/retry`)).status).toBe(
			409,
		);
	});

	it('signs with the new secret as soon as it is rotated', async () => {
		const index = (await t.call('POST', '/indexes', { body: { name: 'rotate' } })).body.index_id;
		const hook = await subscribe();
		const rotated = await t.call('POST', `/webhooks/${hook.webhook_id}/rotate-secret`);
		expect(rotated.body.new_secret).not.toBe(hook.secret);
		await createMedia(index);
		const [delivery] = await waitFor(() => (receiver.received.length ? receiver.received : null));
		expect(verify(rotated.body.new_secret, delivery!)).toBe(true);
		expect(verify(hook.secret, delivery!)).toBe(false);
	});

	it('sends a signed webhook.test delivery and reports the outcome', async () => {
		const hook = await subscribe();
		const ok = await t.call('POST', `/webhooks/${hook.webhook_id}/test`);
		expect(ok.body).toEqual({ success: true, status_code: 200, error: null });
		expect(JSON.parse(receiver.received[0]!.body).event).toBe('webhook.test');
		expect(verify(hook.secret, receiver.received[0]!)).toBe(true);
		receiver.script = [410];
		const bad = await t.call('POST', `/webhooks/${hook.webhook_id}/test`);
		expect(bad.body.success).toBe(false);
		expect(bad.body.status_code).toBe(410);
	});

	it('honours index_ids, paused status and the duplicate-delivery fault', async () => {
		const wanted = (await t.call('POST', '/indexes', { body: { name: 'wanted' } })).body.index_id;
		const other = (await t.call('POST', '/indexes', { body: { name: 'other' } })).body.index_id;
		const hook = await subscribe({ index_ids: [wanted] });
		t.emu.control.faults.webhooks({ duplicate: true });
		await createMedia(other, 'ignored');
		await createMedia(wanted, 'kept');
		await waitFor(() => receiver.received.length >= 2);
		expect(receiver.received[0]!.headers['x-delivery-id']).toBe(
			receiver.received[1]!.headers['x-delivery-id'],
		);
		expect(receiver.received[0]!.headers['x-delivery-attempt-id']).not.toBe(
			receiver.received[1]!.headers['x-delivery-attempt-id'],
		);
		expect(JSON.parse(receiver.received[0]!.body).data.index_id).toBe(wanted);
		t.emu.control.faults.webhooks(null);
		await t.call('PATCH', `/webhooks/${hook.webhook_id}`, { body: { status: 'paused' } });
		await createMedia(wanted, 'while-paused');
		await t.call('POST', `/webhooks/${hook.webhook_id}/test`);
		expect(receiver.received).toHaveLength(3);
		expect(JSON.parse(receiver.received[2]!.body).event).toBe('webhook.test');
		expect(t.emu.control.counts().webhooks).toBe(1);
	});

	it('never contacts non-loopback hosts', async () => {
		const hook = await t.call('POST', '/webhooks', {
			body: { name: 'remote', url: 'https://hooks.example.com/x', events: ['media.created'] },
		});
		const res = await t.call('POST', `/webhooks/${hook.body.webhook_id}/test`);
		expect(res.body.success).toBe(false);
		expect(res.body.status_code).toBeNull();
		expect(res.body.error).toContain('loopback');
	});
});
