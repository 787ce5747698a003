import type { Dispatcher } from 'undici';

import { errorText } from '../log/error-text';
import type { Logger } from '../log/logger';
import type { ReceiverMetrics } from '../metrics/receiver-metrics';
import type { ForwardTarget } from '../routing/router';
import type { DeliveryStore, PendingForward } from '../store/delivery-store';
import type { Clock } from '../time/clock';
import type { IngestActivity } from './ingest-activity';
import type { Random } from '../time/random';
import { retryDelayMs, type RetryPolicy } from './retry-schedule';
import type { Semaphore } from './semaphore';
import { sendForward, type AttemptOutcome } from './send-forward';

export interface LaneDeps {
	store: DeliveryStore;
	clock: Clock;
	random: Random;
	logger: Logger;
	metrics: ReceiverMetrics;
	dispatcher: Dispatcher;
	semaphore: Semaphore;
	/** Bursts of incoming deliveries, which each send gives way to for a moment. */
	ingest: IngestActivity;
	retry: RetryPolicy;
	timeoutMs: number;
	/** How often an idle lane looks at the store anyway (another replica may have written). */
	idlePollMs: number;
	/**
	 * "Delivered" marks a lane may have in flight while it sends on. 1 keeps a crash from repeating
	 * more than the last two events of a target; more lets a target run faster than the fsync rate.
	 */
	maxUnconfirmedMarks: number;
}

export interface LaneSignals {
	/** Stop taking new work: interrupts waits, lets an in-flight request finish. */
	stop: AbortSignal;
	/** Give up on the in-flight request too (grace period over). */
	abort: AbortSignal;
}

/** Rows fetched per store read; small enough to keep memory flat, large enough to amortise the query. */
const BATCH_SIZE = 256;

/**
 * Delivers one target's events one at a time in store order: event n+1 is sent only after event n
 * was delivered or dead-lettered, which is what keeps a flow's view of a run's events ordered.
 *
 * Marking "delivered" is group-committed while the next event is already on its way, but the lane
 * keeps at most `maxUnconfirmedMarks` (default 1) marks unconfirmed: after a crash at most the last
 * two events of a target can be sent again (at-least-once; the target de-duplicates by `webhook-id`).
 */
export class TargetLane {
	private hasNewWork = true;
	private wakeWaiter: (() => void) | undefined;
	/** "Delivered" marks submitted but maybe not yet committed, oldest first. */
	private readonly unconfirmedMarks: Array<Promise<void>> = [];

	constructor(
		readonly target: ForwardTarget,
		private readonly deps: LaneDeps,
	) {}

	/** New or replayed events were committed for this target. */
	wake(): void {
		this.hasNewWork = true;
		this.wakeWaiter?.();
	}

	async run(signals: LaneSignals): Promise<void> {
		while (!signals.stop.aborted) {
			// Re-reading before our own marks are durable would hand back events we just delivered.
			await this.confirmMarks(0);
			this.hasNewWork = false;
			const batch = await this.deps.store.pendingForTarget(this.target.id, BATCH_SIZE);
			if (batch.length === 0) {
				if (!this.hasNewWork) await this.waitForWork(signals.stop);
				continue;
			}
			try {
				for (const forward of batch) {
					if (signals.stop.aborted) break;
					await this.deliver(forward, signals);
				}
			} catch (error) {
				// A store failure: the event is still pending in the store, so pause and re-read.
				this.deps.logger.error('lane.error', { target: this.target.id, error: errorText(error) });
				await this.deps.clock.sleep(this.deps.idlePollMs, signals.stop);
			}
		}
		await this.confirmMarks(0);
	}

	/** Waits until at most `keep` marks are unconfirmed. */
	private async confirmMarks(keep: number): Promise<void> {
		while (this.unconfirmedMarks.length > keep) await this.unconfirmedMarks.shift();
	}

	private waitForWork(stop: AbortSignal): Promise<void> {
		return new Promise((resolve) => {
			const poll = new AbortController();
			const done = (): void => {
				this.wakeWaiter = undefined;
				stop.removeEventListener('abort', done);
				poll.abort();
				resolve();
			};
			this.wakeWaiter = done;
			stop.addEventListener('abort', done, { once: true });
			void this.deps.clock.sleep(this.deps.idlePollMs, poll.signal).then(done);
		});
	}

	/** Attempts one event until it is delivered, dead-lettered, or the lane is stopped. */
	private async deliver(forward: PendingForward, signals: LaneSignals): Promise<void> {
		const { clock, logger, metrics, store } = this.deps;
		const target = this.target.id;
		let attempts = forward.attempts;
		let nextAttemptAt = forward.nextAttemptAt;
		for (;;) {
			const wait = nextAttemptAt - clock.now();
			if (wait > 0) await clock.sleep(wait, signals.stop);
			if (signals.stop.aborted) return;
			const outcome = await this.attempt(forward, signals);
			if (outcome === undefined || (outcome.kind === 'failed' && outcome.aborted)) return;
			attempts += 1;
			const at = clock.now();
			const fields = { delivery_id: forward.deliveryId, event_type: forward.eventType, target, attempt: attempts };
			if (outcome.kind === 'delivered') {
				metrics.forwarded.inc({ target });
				metrics.endToEndLatency.observe(Math.max(0, at - forward.receivedAt) / 1000);
				logger.info('forward.delivered', { ...fields, status: outcome.status });
				await this.confirmMarks(this.deps.maxUnconfirmedMarks - 1);
				const mark = store.markDelivered(target, forward.seq, { attempts, at, status: outcome.status }).catch((error: unknown) => {
					logger.error('store.write_failed', { ...fields, operation: 'mark_delivered', error: errorText(error) });
				});
				this.unconfirmedMarks.push(mark);
				return;
			}
			const attempt = { attempts, at, error: outcome.error, ...(outcome.status === undefined ? {} : { status: outcome.status }) };
			const failure = { ...fields, status: outcome.status ?? null, error: outcome.error };
			if (attempts >= this.deps.retry.maxAttempts) {
				metrics.deadLettered.inc({ target });
				logger.warn('forward.dead_lettered', failure);
				await store.markDead(target, forward.seq, attempt);
				return;
			}
			const delay = retryDelayMs(attempts, outcome, this.deps.retry, this.deps.random);
			nextAttemptAt = at + delay;
			metrics.retries.inc({ target });
			logger.info('forward.retry_scheduled', { ...failure, retry_in_ms: delay });
			await store.markRetrying(target, forward.seq, { ...attempt, nextAttemptAt });
		}
	}

	private async attempt(forward: PendingForward, signals: LaneSignals): Promise<AttemptOutcome | undefined> {
		await this.deps.ingest.yieldToBurst(signals.stop);
		const release = await this.deps.semaphore.acquire(signals.stop);
		if (release === undefined) return undefined;
		try {
			return await sendForward(this.target, forward, {
				dispatcher: this.deps.dispatcher,
				timeoutMs: this.deps.timeoutMs,
				now: this.deps.clock.now(),
				maxRetryAfterMs: this.deps.retry.maxDelayMs,
				signal: signals.abort,
			});
		} finally {
			release();
		}
	}
}
