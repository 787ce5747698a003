import { describe, expect, it } from 'vitest';

import { deliveryHeaders, envelopeBody } from './support/deliveries';
import { cleanupAfterEach, makeTempDir, startTestReceiver, testConfig } from './support/harness';
import { post, send } from './support/http-client';
import { startTarget } from './support/target-server';
import { waitFor } from './support/wait-for';

const track = cleanupAfterEach();

/** Value of one sample line, e.g. `metric{label="x"} 3`. */
function sample(text: string, series: string): number | undefined {
	const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
	return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health, readiness and metrics', () => {
	it('reports deliveries, rejections, duplicates, forwards and latencies in Prometheus format', async () => {
		const target = await startTarget({ behaviour: (_receipt, attempt) => (attempt === 1 ? { status: 502 } : { status: 200 }) });
		track(() => target.close());
		const receiver = await startTestReceiver(track, testConfig(makeTempDir(track), target.url));
		expect((await send(`${receiver.url}/healthz`)).json()).toEqual({ status: 'ok' });
		expect((await send(`${receiver.url}/readyz`)).status).toBe(200);

		for (const id of ['evt_1', 'evt_2', 'evt_1']) {
			const body = envelopeBody({ id });
			await post(receiver.deliveryUrl, body, deliveryHeaders(body, { deliveryId: id }));
		}
		const forged = envelopeBody({ id: 'evt_forged' });
		await post(receiver.deliveryUrl, forged, deliveryHeaders(forged, { deliveryId: 'evt_forged', secret: 'wrong-secret-value' }));
		await waitFor(() => target.accepted.length === 2, 'both forwards');

		const response = await send(`${receiver.url}/metrics`);
		expect(response.headers['content-type']).toContain('text/plain; version=0.0.4');
		const text = response.text;
		expect(sample(text, 'videovector_receiver_received_total')).toBe(2);
		expect(sample(text, 'videovector_receiver_duplicates_total')).toBe(1);
		expect(sample(text, 'videovector_receiver_rejected_total{reason="invalid_signature"}')).toBe(1);
		expect(sample(text, 'videovector_receiver_forwarded_total{target="flow"}')).toBe(2);
		expect(sample(text, 'videovector_receiver_forward_retries_total{target="flow"}')).toBe(2);
		expect(sample(text, 'videovector_receiver_dead_lettered_total')).toBe(0);
		expect(sample(text, 'videovector_receiver_ack_latency_seconds_count')).toBe(3);
		expect(sample(text, 'videovector_receiver_ack_latency_seconds_bucket{le="+Inf"}')).toBe(3);
		expect(sample(text, 'videovector_receiver_end_to_end_latency_seconds_count')).toBe(2);
		expect(text).toContain('# TYPE videovector_receiver_ack_latency_seconds histogram');
		expect(text).toContain('# TYPE videovector_receiver_queue_depth gauge');
		expect(text).not.toContain('evt_1');

		await receiver.close();
		expect(receiver.metrics.forwarded.value({ target: 'flow' })).toBe(2);
	});

	it('reports the queue depth of a target that is not answering', async () => {
		const target = await startTarget({ behaviour: () => ({ status: 503 }) });
		track(() => target.close());
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), target.url, { retry: { maxAttempts: 100, baseDelayMs: 60_000, maxDelayMs: 60_000 } }),
		);
		for (const id of ['evt_a', 'evt_b', 'evt_c']) {
			const body = envelopeBody({ id });
			await post(receiver.deliveryUrl, body, deliveryHeaders(body, { deliveryId: id }));
		}
		await waitFor(() => target.requests.length === 1, 'the first attempt');
		const text = (await send(`${receiver.url}/metrics`)).text;
		expect(sample(text, 'videovector_receiver_queue_depth{target="flow"}')).toBe(3);
	});
});
