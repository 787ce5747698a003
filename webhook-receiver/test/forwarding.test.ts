import { describe, expect, it } from 'vitest';

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
const TARGET_SECRET = `whsec_${Buffer.from('target-signing-key-32-bytes-long!').toString('base64')}`;

async function deliver(
	url: string,
	id: string,
	event = 'prompt_run.completed',
	data?: Record<string, unknown>,
) {
	const body = envelopeBody({ id, event, ...(data === undefined ? {} : { data }) });
	return { body, response: await post(url, body, deliveryHeaders(body, { deliveryId: id })) };
}

describe('forwarding', () => {
	it('forwards the byte-identical envelope with Standard Webhooks and VideoVector headers', async () => {
		const target = await startTarget({ secret: TARGET_SECRET });
		track(() => target.close());
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), target.url, {
				routes: [
					{
						targets: [
							{
								name: 'flow',
								url: target.url,
								secret: TARGET_SECRET,
								headers: { 'x-n8n-auth': 'flow-token-123' },
							},
						],
					},
				],
			}),
		);
		// Odd spacing and key order: any re-serialisation would change these bytes.
		const body = `{ "event":"prompt_run.completed",  "id":"evt_bytes", "data":{"run_id":"run_9","status":"completed"},"created_at" : "${new Date().toISOString()}" }`;
		const response = await post(
			receiver.deliveryUrl,
			body,
			deliveryHeaders(body, { deliveryId: 'evt_bytes' }),
		);
		expect(response.status).toBe(200);
		await waitFor(() => target.accepted.length === 1, 'the forward');
		const [receipt] = target.accepted;
		expect(receipt!.body.toString('utf8')).toBe(body);
		expect(receipt!.signatureValid).toBe(true);
		expect(receipt!.headers['webhook-id']).toBe('evt_bytes');
		expect(receipt!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
		expect(receipt!.headers['x-videovector-event']).toBe('prompt_run.completed');
		expect(receipt!.headers['x-videovector-delivery-id']).toBe('evt_bytes');
		expect(receipt!.headers['x-n8n-auth']).toBe('flow-token-123');
		expect(receipt!.headers['content-type']).toBe('application/json');
	});

	it('acknowledges a duplicate delivery id with 200 and forwards it once', async () => {
		const target = await startTarget();
		track(() => target.close());
		const receiver = await startTestReceiver(track, testConfig(makeTempDir(track), target.url));
		const first = await deliver(receiver.deliveryUrl, 'evt_dup');
		expect(first.response.json()).toEqual({ received: true });
		const again = await deliver(receiver.deliveryUrl, 'evt_dup');
		expect(again.response.status).toBe(200);
		expect(again.response.json()).toEqual({ received: true, duplicate: true });
		// Concurrent copies land in the same group commit: still exactly one is stored.
		const burst = await Promise.all(
			Array.from({ length: 5 }, () => deliver(receiver.deliveryUrl, 'evt_dup_burst')),
		);
		expect(
			burst.filter(
				({ response }) => (response.json() as { duplicate?: boolean }).duplicate !== true,
			),
		).toHaveLength(1);
		await deliver(receiver.deliveryUrl, 'evt_marker');
		await waitFor(
			() => target.accepted.some((receipt) => receipt.deliveryId === 'evt_marker'),
			'the marker forward',
		);
		expect(target.requests.map((receipt) => receipt.deliveryId)).toEqual([
			'evt_dup',
			'evt_dup_burst',
			'evt_marker',
		]);
		expect(receiver.metrics.duplicates.value()).toBe(5);
	});

	it('routes by event pattern and index filter, each target in arrival order', async () => {
		const all = await startTarget();
		const exportsOnly = await startTarget();
		const indexA = await startTarget();
		track(() => Promise.all([all.close(), exportsOnly.close(), indexA.close()]));
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), all.url, {
				routes: [
					{ targets: [{ name: 'all', url: all.url }] },
					{ events: ['export.ready'], targets: [{ name: 'exports', url: exportsOnly.url }] },
					{
						events: ['*'],
						indexIds: ['idx_a'],
						targets: [
							{ name: 'index-a', url: indexA.url },
							{ name: 'all', url: all.url },
						],
					},
				],
			}),
		);
		const sent: string[] = [];
		const waves = [
			['prompt_run.started', { run_id: 'r1', index_id: 'idx_a' }],
			['export.ready', { export_id: 'x1', export_type: 'index', target_id: 'idx_a' }],
			['export.failed', { export_id: 'x2', export_type: 'prompt_run', target_id: 'r1' }],
			['media.created', { video_id: 'v1', index_id: 'idx_a' }],
			['media.created', { video_id: 'v2', index_id: 'idx_b' }],
		] as const;
		for (let round = 0; round < 4; round++) {
			// Each round is sent concurrently; the store's arrival order decides the forwarding order.
			await Promise.all(
				waves.map(([event, data], index) => {
					const id = `evt_${round}_${index}`;
					sent.push(id);
					return deliver(receiver.deliveryUrl, id, event, { ...data });
				}),
			);
		}
		const seqOf = new Map<string, number>();
		for (const id of sent) {
			const record = (
				await send(`${receiver.url}/admin/deliveries/${id}`, { headers: adminHeaders })
			).json() as { seq: number };
			seqOf.set(id, record.seq);
		}
		const expectFor = (predicate: (index: number) => boolean) =>
			sent
				.filter((id) => predicate(Number(id.split('_')[2])))
				.sort((a, b) => seqOf.get(a)! - seqOf.get(b)!);
		const expectedAll = expectFor((index) => index <= 3);
		const expectedExports = expectFor((index) => index === 1);
		const expectedIndexA = expectFor((index) => index === 0 || index === 1 || index === 3);
		await waitFor(
			() =>
				all.accepted.length === expectedAll.length &&
				exportsOnly.accepted.length === expectedExports.length &&
				indexA.accepted.length === expectedIndexA.length,
			'all forwards',
		);
		expect(all.accepted.map((receipt) => receipt.deliveryId)).toEqual(expectedAll);
		expect(exportsOnly.accepted.map((receipt) => receipt.deliveryId)).toEqual(expectedExports);
		expect(indexA.accepted.map((receipt) => receipt.deliveryId)).toEqual(expectedIndexA);
	});
});
