/** Webhooks over real HTTP against the emulator, delivering to a local receiver on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/app.js';
import { webhookEventLoadOptions } from '../../../nodes/VideoVector/methods/webhook-event-types';
import { WEBHOOK_EVENT_NAMES } from '../../../shared/contract/schemas/webhook-event';
import { verifyApiWebhook } from '../../../shared/webhooks/api-signature';
import { Receiver, type ReceivedDelivery } from '../../emulator-tests/receiver.js';
import { createExecuteContext } from '../../support/execute-context';
import { emulatorRunner } from '../../support/emulator-run';
import { byId, failureOf } from '../../support/node-fixtures';

let emulator: RunningEmulator;
let receiver: Receiver;
const { apiKey, one } = emulatorRunner(() => emulator);

beforeAll(async () => {
	emulator = await startEmulator({ seed: 'empty', randomSeed: 'node-webhooks', clockScale: 0 });
	receiver = await Receiver.start();
});

afterAll(async () => {
	await emulator?.close();
	await receiver?.close();
});

const signedWith = (delivery: ReceivedDelivery, secret: string, webhookId: string) =>
	verifyApiWebhook({
		secrets: [secret],
		rawBody: delivery.body,
		signatureHeader: delivery.headers['x-webhook-signature'],
		webhookIdHeader: delivery.headers['x-webhook-id'],
		expectedWebhookId: webhookId,
	}).ok;

describe('Webhooks against the emulator', () => {
	it('the event picker lists the API’s event names', async () => {
		const context = createExecuteContext({
			parameters: {},
			credentials: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl },
		});
		const options = await webhookEventLoadOptions.getWebhookEventTypes.call(context);
		expect(options.map((option) => option.value).sort()).toEqual([...WEBHOOK_EVENT_NAMES].sort());
	});

	it('create returns the secret once; test deliveries are signed with it, then with the rotated one', async () => {
		const created = await one({
			resource: 'webhook',
			operation: 'create',
			name: 'Local receiver',
			url: receiver.url,
			events: ['import_job.completed', 'prompt_run.completed'],
			options: { metadata: '{"team": "media"}' },
		});
		const webhookId = created.webhook_id as string;
		const secret = created.secret as string;
		expect(secret).toMatch(/^whsec_/);
		expect(created).toMatchObject({
			url: receiver.url,
			index_ids: null,
			metadata: { team: 'media' },
			status: 'active',
		});
		const listed = await one({ resource: 'webhook', operation: 'get', webhookId: byId(webhookId) });
		expect(listed.secret).toBeUndefined();

		const test = await one({
			resource: 'webhook',
			operation: 'test',
			webhookId: byId(webhookId),
			options: {},
		});
		expect(test).toEqual({ success: true, status_code: 200, error: null });
		const first = receiver.received.at(-1)!;
		expect(signedWith(first, secret, webhookId)).toBe(true);

		const rotated = await one({
			resource: 'webhook',
			operation: 'rotateSecret',
			webhookId: byId(webhookId),
		});
		const newSecret = rotated.new_secret as string;
		expect(newSecret).not.toBe(secret);
		// A fresh execution: the derived Idempotency-Key differs, so this is a second test delivery, not a replay.
		await one({ resource: 'webhook', operation: 'test', webhookId: byId(webhookId), options: {} });
		const second = receiver.received.at(-1)!;
		expect(second).not.toBe(first);
		expect(signedWith(second, newSecret, webhookId)).toBe(true);
		expect(signedWith(second, secret, webhookId)).toBe(false);

		const { output } = await apiKey({
			resource: 'webhook',
			operation: 'getDeliveries',
			webhookId: byId(webhookId),
			returnAll: true,
			filters: { status: 'delivered' },
		});
		expect(output).toHaveLength(2);
		const delivery = await one({
			resource: 'webhook',
			operation: 'getDelivery',
			deliveryId: output[0].json.delivery_id,
		});
		expect(delivery).toMatchObject({ webhook_id: webhookId, status: 'delivered' });
	});

	it('a failed test delivery can be retried until delivered', async () => {
		const created = await one({
			resource: 'webhook',
			operation: 'create',
			name: 'Flaky',
			url: receiver.url,
			events: ['export.ready'],
			options: {},
		});
		const webhookId = created.webhook_id as string;
		receiver.script = [500];
		const test = await one({
			resource: 'webhook',
			operation: 'test',
			webhookId: byId(webhookId),
			options: {},
		});
		expect(test).toMatchObject({ success: false, status_code: 500 });
		const { output } = await apiKey({
			resource: 'webhook',
			operation: 'getDeliveries',
			webhookId: byId(webhookId),
			returnAll: true,
			filters: { status: 'failed' },
		});
		const deliveryId = output[0].json.delivery_id as string;

		const retried = await one({ resource: 'webhook', operation: 'retryDelivery', deliveryId });
		expect(retried.status).toBe('pending');
		const received = receiver.received.length;
		emulator.control.clock.runAll(); // the frozen clock fires the scheduled attempt
		while (receiver.received.length === received)
			await new Promise((resolve) => setImmediate(resolve));
		let delivery = await one({ resource: 'webhook', operation: 'getDelivery', deliveryId });
		for (let i = 0; i < 50 && delivery.status !== 'delivered'; i++) {
			await new Promise((resolve) => setImmediate(resolve));
			delivery = await one({ resource: 'webhook', operation: 'getDelivery', deliveryId });
		}
		expect(delivery).toMatchObject({ status: 'delivered', attempts: 2 });
	});

	it('update pauses and re-scopes; delete removes the subscription', async () => {
		const created = await one({
			resource: 'webhook',
			operation: 'create',
			name: 'Temp',
			url: receiver.url,
			events: ['export.ready'],
			options: {},
		});
		const webhookId = created.webhook_id as string;
		const updated = await one({
			resource: 'webhook',
			operation: 'update',
			webhookId: byId(webhookId),
			updateFields: {
				status: 'paused',
				indexIds: 'idx_a, idx_b',
				events: ['export.ready', 'export.failed'],
			},
			options: {},
		});
		expect(updated).toMatchObject({
			status: 'paused',
			index_ids: ['idx_a', 'idx_b'],
			events: ['export.ready', 'export.failed'],
		});

		await one({ resource: 'webhook', operation: 'delete', webhookId: byId(webhookId) });
		const error = await failureOf(
			apiKey({ resource: 'webhook', operation: 'get', webhookId: byId(webhookId) }),
		);
		expect(error.httpCode).toBe('404');
	});
});
