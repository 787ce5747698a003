import { describe, expect, it } from 'vitest';

import { createJsonLogger } from '../src/log/logger';
import { createScaledClock } from '../src/time/clock';
import { deliveryHeaders, envelopeBody, SECRET } from './support/deliveries';
import {
	ADMIN_TOKEN,
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

/** Value of one sample line, e.g. `metric{label="x"} 3`. */
function sample(text: string, series: string): number | undefined {
	const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
	return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health, readiness and metrics', () => {
	it('reports deliveries, rejections, duplicates, forwards and latencies in Prometheus format', async () => {
		const target = await startTarget({
			behaviour: (_receipt, attempt) => (attempt === 1 ? { status: 502 } : { status: 200 }),
		});
		track(() => target.close());
		const receiver = await startTestReceiver(track, testConfig(makeTempDir(track), target.url));
		expect((await send(`${receiver.url}/healthz`)).json()).toEqual({ status: 'ok' });
		expect((await send(`${receiver.url}/readyz`)).status).toBe(200);

		for (const id of ['evt_1', 'evt_2', 'evt_1']) {
			const body = envelopeBody({ id });
			await post(receiver.deliveryUrl, body, deliveryHeaders(body, { deliveryId: id }));
		}
		const forged = envelopeBody({ id: 'evt_forged' });
		await post(
			receiver.deliveryUrl,
			forged,
			deliveryHeaders(forged, { deliveryId: 'evt_forged', secret: 'wrong-secret-value' }),
		);
		await waitFor(() => target.accepted.length === 2, 'both forwards');
		// A forward is counted once its 2xx is back at the receiver, after the target recorded it.
		await waitFor(
			() => receiver.metrics.forwarded.value({ target: 'flow' }) >= 2,
			'both forwards counted',
		);

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
			testConfig(makeTempDir(track), target.url, {
				retry: { maxAttempts: 100, baseDelayMs: 60_000, maxDelayMs: 60_000 },
			}),
		);
		for (const id of ['evt_a', 'evt_b', 'evt_c']) {
			const body = envelopeBody({ id });
			await post(receiver.deliveryUrl, body, deliveryHeaders(body, { deliveryId: id }));
		}
		await waitFor(() => target.requests.length === 1, 'the first attempt');
		const text = (await send(`${receiver.url}/metrics`)).text;
		expect(sample(text, 'videovector_receiver_queue_depth{target="flow"}')).toBe(3);
	});

	it('forgets fully delivered deliveries once the retention has passed', async () => {
		// 12 h of clock time pass in about two seconds; a retention pass runs every clock hour. (At
		// 200,000× a loaded machine took longer than the whole 12 h window between signing the
		// envelope and checking it, which then refused it as stale and the test waited in vain.)
		const clock = createScaledClock({ speed: 20_000 });
		let release!: () => void;
		const held = new Promise<void>((resolve) => {
			release = resolve;
		});
		// The target holds its answer: a delivery still being forwarded is never pruned, however old.
		const target = await startTarget({ behaviour: () => ({ status: 200, hold: held }) });
		track(() => target.close());
		track(release);
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), target.url, { retentionHours: 12 }),
			{
				clock,
				idlePollMs: 3_600_000,
			},
		);
		const body = envelopeBody({ id: 'evt_old', createdAt: new Date(clock.now()).toISOString() });
		await post(receiver.deliveryUrl, body, deliveryHeaders(body, { deliveryId: 'evt_old' }));
		await waitFor(() => target.requests.length === 1, 'the forward to start');
		const lookup = () =>
			send(`${receiver.url}/admin/deliveries/evt_old`, { headers: adminHeaders });
		// More than 12 clock hours pass while the forward is held; the delivery must survive them.
		const heldSince = clock.now();
		await waitFor(() => clock.now() - heldSince > 13 * 3_600_000, '13 clock hours');
		expect((await lookup()).status).toBe(200);
		release();
		await waitFor(() => target.accepted.length === 1, 'the forward');
		await waitFor(async () => (await lookup()).status === 404, 'the retention pass');
	});

	it.each([false, true])(
		'logs one JSON line per state change, never secrets, bodies only when asked (bodies=%s)',
		async (bodies) => {
			const targetSecret = `whsec_${Buffer.from('log-test-target-secret-32-bytes!').toString('base64')}`;
			const headerToken = 'n8n-header-token-value-42';
			const target = await startTarget({
				behaviour: (_receipt, attempt) => (attempt === 1 ? { status: 500 } : { status: 200 }),
			});
			track(() => target.close());
			const config = testConfig(makeTempDir(track), target.url, {
				routes: [
					{
						targets: [
							{
								name: 'flow',
								url: target.url,
								secret: targetSecret,
								headers: { 'x-auth': headerToken },
							},
						],
					},
				],
				log: { level: 'info', bodies },
			});
			const lines: string[] = [];
			// No known-secret scrubbing here: the code itself must never put them in a line.
			const logger = createJsonLogger({ level: 'info', write: (line) => lines.push(line) });
			const receiver = await startTestReceiver(track, config, { logger });
			const body = envelopeBody({
				id: 'evt_log',
				data: { run_id: 'r1', note: 'private-payload-marker' },
			});
			await post(receiver.deliveryUrl, body, deliveryHeaders(body, { deliveryId: 'evt_log' }));
			await post(receiver.deliveryUrl, body, deliveryHeaders(body, { deliveryId: 'evt_log' }));
			await post(
				receiver.deliveryUrl,
				body,
				deliveryHeaders(body, { deliveryId: 'evt_forged', secret: 'not-the-secret' }),
			);
			await waitFor(() => target.accepted.length === 1, 'the retried forward');
			await receiver.close();

			const entries = lines.map(
				(line) => JSON.parse(line) as { event: string; delivery_id?: string },
			);
			const forEvent = (prefix: string) =>
				entries
					.filter((entry) => entry.delivery_id === 'evt_log' && entry.event.startsWith(prefix))
					.map((entry) => entry.event);
			// Ingest and forwarding run concurrently, so each side's sequence is checked on its own.
			expect(forEvent('delivery.')).toEqual(['delivery.stored', 'delivery.duplicate']);
			expect(forEvent('forward.')).toEqual(['forward.retry_scheduled', 'forward.delivered']);
			expect(entries.filter((entry) => entry.event === 'delivery.rejected')).toHaveLength(1);
			const text = lines.join('');
			for (const secret of [SECRET, targetSecret, headerToken, ADMIN_TOKEN])
				expect(text).not.toContain(secret);
			expect(text.includes('private-payload-marker')).toBe(bodies);
		},
	);

	it('scrubs configured secret values from any log line as a last guard', () => {
		const lines: string[] = [];
		const logger = createJsonLogger({
			level: 'warn',
			knownSecrets: [SECRET],
			write: (line) => lines.push(line),
		});
		logger.info('ignored.below_level', {});
		logger.warn('oops', { detail: `header was ${SECRET}` });
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0]!)).toMatchObject({
			level: 'warn',
			event: 'oops',
			detail: 'header was [REDACTED]',
		});
	});
});
