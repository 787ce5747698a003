import { describe, expect, it } from 'vitest';

import { IngestActivity } from '../src/forward/ingest-activity';
import type { Clock } from '../src/time/clock';

/** A clock that only moves when told to, so waits are observed without timing anything. */
function manualClock() {
	let now = 0;
	const sleepers: Array<{ until: number; wake: () => void }> = [];
	const clock: Clock = {
		now: () => now,
		sleep: (ms, signal) =>
			new Promise<void>((resolve) => {
				const sleeper = { until: now + ms, wake: resolve };
				sleepers.push(sleeper);
				signal?.addEventListener('abort', () => resolve(), { once: true });
			}),
	};
	const advance = async (ms: number): Promise<void> => {
		now += ms;
		for (const sleeper of sleepers.filter((entry) => entry.until <= now)) {
			sleepers.splice(sleepers.indexOf(sleeper), 1);
			sleeper.wake();
		}
		await new Promise((resolve) => setImmediate(resolve));
	};
	return { clock, advance };
}

/** Starts `count` deliveries that stay in progress until the returned function is called. */
function deliveriesInProgress(activity: IngestActivity, count: number): () => Promise<void> {
	let finish!: () => void;
	const gate = new Promise<void>((resolve) => (finish = resolve));
	const handled = Array.from({ length: count }, () => activity.track(() => gate));
	return async () => {
		finish();
		await Promise.all(handled);
	};
}

function settled(promise: Promise<void>): () => boolean {
	let done = false;
	void promise.then(() => (done = true));
	return () => done;
}

describe('forwarding gives way to bursts of incoming deliveries', () => {
	it('does not hold a send back when only a few deliveries are in progress', async () => {
		const { clock } = manualClock();
		const activity = new IngestActivity({ concurrency: 3, maxYieldMs: 20 }, clock);
		const finish = deliveriesInProgress(activity, 2);
		const done = settled(activity.yieldToBurst(new AbortController().signal));
		await new Promise((resolve) => setImmediate(resolve));
		expect(done()).toBe(true);
		await finish();
	});

	it('waits while a burst lasts and for a short quiet spell after it', async () => {
		const { clock, advance } = manualClock();
		const activity = new IngestActivity({ concurrency: 3, maxYieldMs: 1_000 }, clock);
		const finish = deliveriesInProgress(activity, 3);
		const done = settled(activity.yieldToBurst(new AbortController().signal));
		await advance(50);
		expect(done()).toBe(false);
		await finish();
		await advance(1);
		expect(done()).toBe(false);
		await advance(10);
		expect(done()).toBe(true);
	});

	it('never waits longer than maxYieldMs, so a flood cannot stop forwarding', async () => {
		const { clock, advance } = manualClock();
		const activity = new IngestActivity({ concurrency: 3, maxYieldMs: 20 }, clock);
		const finish = deliveriesInProgress(activity, 5);
		const done = settled(activity.yieldToBurst(new AbortController().signal));
		await advance(15);
		expect(done()).toBe(false);
		await advance(5);
		expect(done()).toBe(true);
		await finish();
	});

	it('stops waiting on shutdown, and never waits when the policy is off', async () => {
		const { clock } = manualClock();
		const activity = new IngestActivity({ concurrency: 3, maxYieldMs: 1_000 }, clock);
		const finish = deliveriesInProgress(activity, 3);
		const stop = new AbortController();
		const done = settled(activity.yieldToBurst(stop.signal));
		stop.abort();
		await new Promise((resolve) => setImmediate(resolve));
		expect(done()).toBe(true);
		await finish();

		const off = new IngestActivity({ concurrency: 0, maxYieldMs: 1_000 }, clock);
		const finishOff = deliveriesInProgress(off, 50);
		expect(off.inBurst()).toBe(false);
		await finishOff();
	});
});
