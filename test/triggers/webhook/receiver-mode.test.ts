import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IHttpRequestOptions } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { standardWebhookHeaders } from '../../../shared/webhooks/standard-webhooks';
import { receiverSecretCache } from '../../../triggers/VideoVectorTrigger/receiver-secret-cache';
import { startReceiver } from '../../../webhook-receiver/src/receiver';
import { apiCall, listWebhooks } from './support/emulator-api';
import { RECEIVER_SECRET, useTriggerWorld } from './support/fixture';
import { waitUntil } from './support/wait';

const world = useTriggerWorld();
const OTHER_SECRET = `whsec_${Buffer.from('the-previous-receiver-secret-32b').toString('base64')}`;

async function receiverHost(
	parameters: Record<string, unknown> = {},
	secrets: { secret: string; previousSecret?: string } | null = { secret: RECEIVER_SECRET },
) {
	const host = await world.host({
		delivery: 'receiver',
		events: ['prompt_run.completed', 'export.ready'],
		...parameters,
	});
	// Receiver mode needs no VideoVector API credential at all.
	host.credentials = secrets ? { n8nNodesVideoVectorReceiverApi: secrets } : {};
	await host.publish();
	return host;
}

function envelope(id: string, event = 'prompt_run.completed'): string {
	return JSON.stringify({
		id,
		event,
		data: { run_id: 'run_1' },
		api_version: '2024-01',
		created_at: new Date().toISOString(),
	});
}

/** What the receiver sends: the Standard Webhooks trio plus its routing headers. */
function forwarded(
	body: string,
	id: string,
	options: { secrets?: string[]; timestamp?: number } = {},
): Record<string, string> {
	const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
	return {
		...standardWebhookHeaders(options.secrets ?? [RECEIVER_SECRET], {
			id,
			timestamp,
			rawBody: body,
		}),
		'x-videovector-event': JSON.parse(body).event as string,
		'x-videovector-delivery-id': id,
	};
}

describe('"Via Webhook Receiver" mode', () => {
	it('registers nothing at VideoVector and calls no API on publish and unpublish', async () => {
		const host = await world.host({ delivery: 'receiver', events: ['*'] });
		host.credentials = { n8nNodesVideoVectorReceiverApi: { secret: RECEIVER_SECRET } };
		const calls: IHttpRequestOptions[] = [];
		host.intercept = async (options, send) => {
			calls.push(options);
			return await send(options);
		};
		await host.publish();
		await host.unpublish();
		expect(calls).toEqual([]);
		expect(await listWebhooks(world.emulator)).toEqual([]);
	});

	it('emulator → webhook-receiver → trigger: a real event arrives re-signed and starts the workflow once, even when duplicated', async () => {
		const host = await receiverHost();
		const created = await apiCall(world.emulator, 'POST', '/webhooks', {
			body: {
				name: 'receiver',
				url: 'http://127.0.0.1:9/not-yet',
				events: ['prompt_run.completed'],
			},
		});
		const { webhook_id: webhookId, secret } = created.body as {
			webhook_id: string;
			secret: string;
		};
		const dataDir = mkdtempSync(join(tmpdir(), 'vv-trigger-receiver-'));
		const receiver = await startReceiver({
			listen: { host: '127.0.0.1', port: 0 },
			secrets: [secret],
			webhookIds: [webhookId],
			routes: [
				{
					events: ['prompt_run.*'],
					targets: [{ name: 'n8n', url: host.productionUrl, secret: RECEIVER_SECRET }],
				},
			],
			dataDir,
			log: { level: 'silent' },
			shutdownGraceMs: 1_000,
		});
		try {
			await apiCall(world.emulator, 'PATCH', `/webhooks/${webhookId}`, {
				body: { url: receiver.deliveryUrl },
			});
			world.emulator.control.faults.webhooks({ duplicate: true });
			world.emulator.control.events.emit('prompt_run.completed', {
				run_id: 'run_chain',
				payload: { status: 'completed' },
			});
			await waitUntil(() => host.executions.length === 1, 'the forwarded execution');
			const json = host.executions[0]?.items[0]?.json as Record<string, unknown>;
			expect(json).toMatchObject({ event: 'prompt_run.completed', data: { run_id: 'run_chain' } });
			expect(json.delivery).toEqual({
				mode: 'receiver',
				webhook_id: null,
				delivery_id: json.event_id,
				attempt_id: null,
				idempotency_key: null,
			});
			expect(host.answers.filter((answer) => answer.status === 200)).toHaveLength(1);
		} finally {
			world.emulator.control.faults.clear();
			await receiver.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
		expect(host.executions).toHaveLength(1);
	});

	it('refuses a stale or future timestamp with 401 (replay window ±5 minutes)', async () => {
		const host = await receiverHost();
		const body = envelope('evt_old');
		const now = Math.floor(Date.now() / 1000);
		expect(
			(
				await host.deliver(
					'production',
					body,
					forwarded(body, 'dlv_old', { timestamp: now - 10 * 60 }),
				)
			).status,
		).toBe(401);
		expect(host.logs.at(-1)?.message).toContain('timestamp_too_old');
		expect(
			(
				await host.deliver(
					'production',
					body,
					forwarded(body, 'dlv_future', { timestamp: now + 10 * 60 }),
				)
			).status,
		).toBe(401);
		expect(
			(
				await host.deliver(
					'production',
					body,
					forwarded(body, 'dlv_fresh', { timestamp: now - 60 }),
				)
			).status,
		).toBe(200);
		expect(host.executions).toHaveLength(1);
	});

	it('refuses another secret, accepts the previous one while the credential lists it', async () => {
		const host = await receiverHost();
		const body = envelope('evt_rot');
		expect(
			(
				await host.deliver(
					'production',
					body,
					forwarded(body, 'dlv_rot', { secrets: [OTHER_SECRET] }),
				)
			).status,
		).toBe(401);
		host.credentials = {
			n8nNodesVideoVectorReceiverApi: { secret: RECEIVER_SECRET, previousSecret: OTHER_SECRET },
		};
		expect(
			(
				await host.deliver(
					'production',
					body,
					forwarded(body, 'dlv_rot', { secrets: [OTHER_SECRET] }),
				)
			).status,
		).toBe(200);
		expect(host.executions).toHaveLength(1);
	});

	it('starts the workflow once per webhook-id', async () => {
		const host = await receiverHost();
		const body = envelope('evt_dup');
		expect((await host.deliver('production', body, forwarded(body, 'dlv_dup'))).body).toEqual({
			received: true,
		});
		expect((await host.deliver('production', body, forwarded(body, 'dlv_dup'))).body).toEqual({
			received: true,
			duplicate: true,
		});
		expect(host.executions).toHaveLength(1);
	});

	it('fails closed without a receiver credential, and ignores events outside the selection', async () => {
		const locked = await receiverHost({}, null);
		const body = envelope('evt_locked');
		expect((await locked.deliver('production', body, forwarded(body, 'dlv_locked'))).status).toBe(
			401,
		);
		expect(locked.logs.at(-1)?.message).toContain('no_secrets');

		const host = await receiverHost({ events: ['export.ready'] });
		expect((await host.deliver('production', body, forwarded(body, 'dlv_other'))).body).toEqual({
			received: true,
			ignored: true,
		});
		expect([...locked.executions, ...host.executions]).toEqual([]);
	});

	describe('reading the receiver credential', () => {
		afterEach(() => {
			vi.useRealTimers();
		});

		/** The host's credentials, counting how often the trigger reads the receiver one. */
		function countReads(
			host: Awaited<ReturnType<typeof receiverHost>>,
			initial: ICredentialDataDecryptedObject,
		) {
			let current = initial;
			let reads = 0;
			host.credentials = Object.defineProperty({}, 'n8nNodesVideoVectorReceiverApi', {
				enumerable: true,
				get: () => {
					reads++;
					return current;
				},
			}) as Record<string, ICredentialDataDecryptedObject>;
			return {
				reads: () => reads,
				change: (next: ICredentialDataDecryptedObject) => (current = next),
			};
		}

		it('reads it once for many deliveries, again at once when a delivery does not verify (rotation)', async () => {
			const host = await receiverHost();
			const credential = countReads(host, { secret: RECEIVER_SECRET });
			for (let n = 0; n < 5; n++) {
				const body = envelope(`evt_many_${n}`);
				expect(
					(await host.deliver('production', body, forwarded(body, `dlv_many_${n}`))).status,
				).toBe(200);
			}
			expect(credential.reads()).toBe(1);

			// The receiver switched to a new secret and the credential was updated: accepted right away.
			credential.change({ secret: OTHER_SECRET, previousSecret: RECEIVER_SECRET });
			const rotated = envelope('evt_rotated');
			expect(
				(
					await host.deliver(
						'production',
						rotated,
						forwarded(rotated, 'dlv_rotated', { secrets: [OTHER_SECRET] }),
					)
				).status,
			).toBe(200);
			expect(credential.reads()).toBe(2);

			// A forged delivery is refused after a fresh read, like before.
			const forged = envelope('evt_forged');
			const forger = `whsec_${Buffer.from('a-forger-guessing-the-secret-32b').toString('base64')}`;
			expect(
				(
					await host.deliver(
						'production',
						forged,
						forwarded(forged, 'dlv_forged', { secrets: [forger] }),
					)
				).status,
			).toBe(401);
			expect(credential.reads()).toBe(3);
			expect(host.executions).toHaveLength(6);
		});

		it('stops accepting a secret removed from the credential within the cache lifetime', async () => {
			vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
			const host = await receiverHost();
			const credential = countReads(host, {
				secret: OTHER_SECRET,
				previousSecret: RECEIVER_SECRET,
			});
			const first = envelope('evt_before_removal');
			expect(
				(await host.deliver('production', first, forwarded(first, 'dlv_before_removal'))).status,
			).toBe(200);

			credential.change({ secret: OTHER_SECRET });
			vi.setSystemTime(Date.now() + receiverSecretCache.ttlMs);
			const late = envelope('evt_after_removal');
			expect(
				(await host.deliver('production', late, forwarded(late, 'dlv_after_removal'))).status,
			).toBe(401);
			expect(credential.reads()).toBe(2);
			expect(host.executions).toHaveLength(1);
		});
	});
});
