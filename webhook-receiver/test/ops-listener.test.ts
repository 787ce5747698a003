import { describe, expect, it } from 'vitest';

import {
	adminHeaders,
	cleanupAfterEach,
	makeTempDir,
	startTestReceiver,
	testConfig,
} from './support/harness';
import { deliveryHeaders, envelopeBody } from './support/deliveries';
import { post, send } from './support/http-client';
import { waitFor } from './support/wait-for';

const track = cleanupAfterEach();
const METRICS_TOKEN = 'metrics-token-for-tests-01';

describe('ops surfaces apart from the delivery endpoint', () => {
	it('serves /admin and /metrics on a separate loopback listener when asked, and not on the public one', async () => {
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), 'http://127.0.0.1:1/unused', {
				opsListen: { port: 0 },
				metricsToken: METRICS_TOKEN,
			}),
		);
		expect(receiver.opsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect((await send(`${receiver.url}/metrics`)).status).toBe(404);
		expect(
			(await send(`${receiver.url}/admin/dead-letters`, { headers: adminHeaders })).status,
		).toBe(404);
		expect((await send(`${receiver.url}/readyz`)).status).toBe(200);
		expect(
			(await send(`${receiver.opsUrl}/admin/dead-letters`, { headers: adminHeaders })).status,
		).toBe(200);
		expect((await send(`${receiver.opsUrl}/metrics`)).status).toBe(401);
		const metrics = await send(`${receiver.opsUrl}/metrics`, {
			headers: { authorization: `Bearer ${METRICS_TOKEN}` },
		});
		expect(metrics.status).toBe(200);
	});

	it('an unnamed target does not reveal its host name in metrics', async () => {
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), 'https://n8n-internal.corp.example:5678/webhook/secret-path', {
				routes: [
					{ targets: [{ url: 'https://n8n-internal.corp.example:5678/webhook/secret-path' }] },
				],
			}),
		);
		const body = envelopeBody({ id: 'evt_unnamed' });
		expect(
			(await post(receiver.deliveryUrl, body, deliveryHeaders(body, { deliveryId: 'evt_unnamed' })))
				.status,
		).toBe(200);
		// The host does not resolve: the lane records a failed attempt under the target's label.
		await waitFor(
			async () =>
				(await send(`${receiver.url}/metrics`)).text.includes(
					'videovector_receiver_forward_retries_total{',
				),
			'a labelled retry',
		);
		const metrics = await send(`${receiver.url}/metrics`);
		expect(metrics.text).not.toContain('n8n-internal');
	});
});
