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

interface ForwardView {
	state: string;
	attempts: number;
}

async function forwardOf(receiverUrl: string, id: string): Promise<ForwardView | undefined> {
	const response = await send(`${receiverUrl}/admin/deliveries/${id}`, { headers: adminHeaders });
	return response.status === 200
		? (response.json() as { forwards: ForwardView[] }).forwards[0]
		: undefined;
}

async function deliver(url: string, id: string): Promise<void> {
	const body = envelopeBody({ id });
	const response = await post(url, body, deliveryHeaders(body, { deliveryId: id }));
	expect(response.status).toBe(200);
}

describe('slow targets', () => {
	it('does not resend an event to a target that answers 2xx after the timeout, and counts the late answer', async () => {
		// Every request is answered 200, but only once the receiver has counted it as timed out (its
		// retry recorded): the late-answer path is made to happen, not left to a slow enough clock.
		let answered = 0;
		const target = await startTarget({
			behaviour: () => {
				const timedOut = (answered += 1);
				return {
					status: 200,
					hold: waitFor(
						() => receiver.metrics.retries.value({ target: 'flow' }) >= timedOut,
						`attempt ${timedOut} to time out`,
					),
				};
			},
		});
		track(() => target.close());
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), target.url, {
				routes: [{ targets: [{ name: 'flow', url: target.url, timeoutMs: 500 }] }],
				retry: { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 50 },
			}),
		);
		await deliver(receiver.deliveryUrl, 'evt_slow_1');
		await deliver(receiver.deliveryUrl, 'evt_slow_2');

		await waitFor(
			async () => (await forwardOf(receiver.url, 'evt_slow_2'))?.state === 'delivered',
			'both events recorded as delivered',
		);
		// Each event reached the target once; today's code cut each attempt at the timeout and sent
		// the event again on every retry until its eight attempts were used up.
		expect(target.requests.map((receipt) => receipt.deliveryId)).toEqual([
			'evt_slow_1',
			'evt_slow_2',
		]);
		expect(receiver.metrics.lateSuccesses.value({ target: 'flow' })).toBe(2);
		expect(receiver.metrics.forwarded.value({ target: 'flow' })).toBe(2);
		expect(receiver.metrics.deadLettered.value({ target: 'flow' })).toBe(0);
		const first = await forwardOf(receiver.url, 'evt_slow_1');
		// The timed-out attempt counted; the late 2xx closed it without another.
		expect(first).toMatchObject({ state: 'delivered', attempts: 1 });
		const scrape = await fetch(`${receiver.url}/metrics`).then((response) => response.text());
		expect(scrape).toContain('videovector_receiver_forward_late_success_total{target="flow"} 2');
	});

	it('resends once the late answer window is over, and never has two requests for one event open at once', async () => {
		let open = 0;
		let mostOpen = 0;
		// The first request hangs for good; the second answers at once.
		const target = await startTarget({
			behaviour: (_receipt, attempt) => {
				if (attempt > 1) return { status: 200 };
				open += 1;
				mostOpen = Math.max(mostOpen, open);
				return { status: 200, hold: new Promise<void>(() => undefined) };
			},
		});
		track(() => target.close());
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), target.url, {
				routes: [{ targets: [{ name: 'flow', url: target.url }] }],
				forward: { timeoutMs: 200, lateAnswerMs: 300 },
				retry: { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 50 },
			}),
		);
		await deliver(receiver.deliveryUrl, 'evt_hangs');
		await waitFor(
			async () => (await forwardOf(receiver.url, 'evt_hangs'))?.state === 'delivered',
			'the resent event delivered',
		);
		expect(target.requests.map((receipt) => receipt.deliveryId)).toEqual([
			'evt_hangs',
			'evt_hangs',
		]);
		expect(mostOpen).toBe(1);
		expect(receiver.metrics.forwarded.value({ target: 'flow' })).toBe(1);
		expect(await forwardOf(receiver.url, 'evt_hangs')).toMatchObject({
			state: 'delivered',
			attempts: 2,
		});
	});
});
