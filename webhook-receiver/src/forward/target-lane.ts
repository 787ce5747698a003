import type { Dispatcher } from 'undici';

import { errorText } from '../log/error-text';
import type { Logger } from '../log/logger';
import type { ReceiverMetrics } from '../metrics/receiver-metrics';
import type { ForwardTarget } from '../routing/router';
import {
	LaneLostError,
	type AttemptRecord,
	type DeliveryStore,
	type PendingForward,
} from '../store/delivery-store';
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
	/** How long a timed-out request stays open for a late answer (real ms; see send-forward.ts). */
	lateAnswerMs: number;
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
/** Longest pause between attempts to write outcomes the store refused (clock milliseconds). */
const MAX_RECORD_BACKOFF_MS = 30_000;

/** An outcome the target has seen but the store could not record yet (disk full, I/O error). */
type Outcome =
	| { state: 'delivered' | 'dead'; attempt: AttemptRecord }
	| { state: 'pending'; attempt: AttemptRecord & { nextAttemptAt: number } };

/** Thrown to leave a batch when an outcome could not be recorded: the lane must not move past it. */
class UnrecordedOutcome extends Error {
	override name = 'UnrecordedOutcome';
}

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
	/**
	 * Outcomes the store refused, by seq. Until they are written the lane reads nothing from the
	 * store, whose rows would still say "pending" with the old attempt count: that is what would
	 * turn a failing disk into a resend loop.
	 */
	private readonly unrecorded = new Map<number, Outcome>();
	private recordFailures = 0;

	constructor(
		readonly target: ForwardTarget,
		private readonly deps: LaneDeps,
	) {}

	/** New or replayed events were committed for this target. */
	wake(): void {
		this.hasNewWork = true;
		this.wakeWaiter?.();
	}

	/** With replicas sharing the store, only the holder of the target's lease sends (LaneLeases). */
	private owned(): boolean {
		return this.deps.store.leases?.holds(this.target.id) ?? true;
	}

	async run(signals: LaneSignals): Promise<void> {
		while (!signals.stop.aborted) {
			// Re-reading before our own marks are durable would hand back events we just delivered.
			await this.confirmMarks(0);
			if (!(await this.recordOutcomes(signals.stop))) continue;
			if (!this.owned()) {
				// Another replica sends this target's events; wake() follows when this one takes over.
				this.hasNewWork = false;
				await this.waitForWork(signals.stop);
				continue;
			}
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
				// An outcome the store refused is retried (with backoff) at the top of the loop; a lane
				// another replica took over stops here, before sending anything further.
				if (error instanceof UnrecordedOutcome || error instanceof LaneLostError) continue;
				// A failed read: the event is still pending in the store, so pause and re-read.
				this.deps.logger.error('lane.error', { target: this.target.id, error: errorText(error) });
				await this.deps.clock.sleep(this.deps.idlePollMs, signals.stop);
			}
		}
		await this.confirmMarks(0);
		await this.recordOutcomes(signals.stop, false);
	}

	private write(seq: number, outcome: Outcome): Promise<void> {
		const { store } = this.deps;
		if (outcome.state === 'pending')
			return store.markRetrying(this.target.id, seq, outcome.attempt);
		return outcome.state === 'delivered'
			? store.markDelivered(this.target.id, seq, outcome.attempt)
			: store.markDead(this.target.id, seq, outcome.attempt);
	}

	/** Records `outcome`; if the store refuses, keeps it in memory for recordOutcomes and throws. */
	private async record(
		seq: number,
		outcome: Outcome,
		fields: Record<string, unknown>,
	): Promise<void> {
		try {
			await this.write(seq, outcome);
		} catch (error) {
			this.remember(seq, outcome, fields, error);
			throw new UnrecordedOutcome();
		}
	}

	private remember(
		seq: number,
		outcome: Outcome,
		fields: Record<string, unknown>,
		error: unknown,
	): void {
		// Another replica owns the lane now and works from the store's rows: this outcome is not
		// ours to write any more, and the event may be sent once more (the documented bound).
		if (error instanceof LaneLostError) {
			this.deps.logger.warn('lane.outcome_dropped', { ...fields, state: outcome.state });
			return;
		}
		this.unrecorded.set(seq, outcome);
		this.deps.logger.error('store.write_failed', {
			...fields,
			operation: `mark_${outcome.state}`,
			error: errorText(error),
		});
	}

	/**
	 * Writes the outcomes the store refused earlier. On failure the lane backs off (doubling from
	 * idlePollMs up to 30 s) and reports false; it sends nothing until they are written.
	 */
	private async recordOutcomes(stop: AbortSignal, backOff = true): Promise<boolean> {
		for (const [seq, outcome] of this.unrecorded) {
			try {
				await this.write(seq, outcome);
				this.unrecorded.delete(seq);
			} catch (error) {
				if (error instanceof LaneLostError) {
					this.unrecorded.delete(seq);
					continue;
				}
				this.recordFailures += 1;
				const wait = Math.min(
					MAX_RECORD_BACKOFF_MS,
					this.deps.idlePollMs * 2 ** Math.min(this.recordFailures - 1, 20),
				);
				this.deps.logger.warn('lane.record_retry', {
					target: this.target.id,
					unrecorded: this.unrecorded.size,
					retry_in_ms: wait,
					error: errorText(error),
				});
				if (backOff) await this.deps.clock.sleep(wait, stop);
				return false;
			}
		}
		this.recordFailures = 0;
		return true;
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

	/**
	 * Attempts one event until it is delivered, dead-lettered, or the lane is stopped. An attempt
	 * that times out is counted and its retry recorded at once, but its request may stay open for a
	 * late answer (send-forward.ts); the event is not sent again while it is, and a late 2xx
	 * records it as delivered.
	 */
	private async deliver(forward: PendingForward, signals: LaneSignals): Promise<void> {
		const { clock, logger, metrics } = this.deps;
		const target = this.target.id;
		let attempts = forward.attempts;
		let nextAttemptAt = forward.nextAttemptAt;
		let late: Promise<AttemptOutcome> | undefined;
		for (;;) {
			if (late !== undefined && (await this.lateAnswer(late, forward, attempts)) !== 'failed')
				return;
			late = undefined;
			const wait = nextAttemptAt - clock.now();
			if (wait > 0) await clock.sleep(wait, signals.stop);
			if (signals.stop.aborted) return;
			const outcome = await this.attempt(forward, signals);
			if (outcome === undefined || (outcome.kind === 'failed' && outcome.aborted)) return;
			attempts += 1;
			const at = clock.now();
			const attemptFields = {
				delivery_id: forward.deliveryId,
				event_type: forward.eventType,
				target,
				attempt: attempts,
			};
			if (outcome.kind === 'delivered') {
				logger.info('forward.delivered', { ...attemptFields, status: outcome.status });
				await this.recordDelivered(forward, attempts, outcome.status, attemptFields);
				return;
			}
			late = outcome.late;
			const attempt = {
				attempts,
				at,
				error: outcome.error,
				...(outcome.status === undefined ? {} : { status: outcome.status }),
			};
			const failure = { ...attemptFields, status: outcome.status ?? null, error: outcome.error };
			if (attempts >= this.deps.retry.maxAttempts) {
				// The last attempt's late answer still counts: dead-letter only once it is known.
				if (late !== undefined && (await this.lateAnswer(late, forward, attempts)) !== 'failed')
					return;
				metrics.deadLettered.inc({ target });
				logger.warn('forward.dead_lettered', failure);
				await this.record(forward.seq, { state: 'dead', attempt }, attemptFields);
				return;
			}
			const delay = retryDelayMs(attempts, outcome, this.deps.retry, this.deps.random);
			nextAttemptAt = at + delay;
			metrics.retries.inc({ target });
			logger.info('forward.retry_scheduled', { ...failure, retry_in_ms: delay });
			await this.record(
				forward.seq,
				{ state: 'pending', attempt: { ...attempt, nextAttemptAt } },
				attemptFields,
			);
		}
	}

	/**
	 * Waits for the answer to a timed-out request (bounded by lateAnswerMs, cut at shutdown). A 2xx
	 * records the event as delivered; 'failed' means it may be sent again.
	 */
	private async lateAnswer(
		late: Promise<AttemptOutcome>,
		forward: PendingForward,
		attempts: number,
	): Promise<'delivered' | 'aborted' | 'failed'> {
		const answer = await late;
		if (answer.kind === 'failed') return answer.aborted ? 'aborted' : 'failed';
		const fields = {
			delivery_id: forward.deliveryId,
			event_type: forward.eventType,
			target: this.target.id,
			attempt: attempts,
		};
		this.deps.metrics.lateSuccesses.inc({ target: this.target.id });
		this.deps.logger.warn('forward.late_success', { ...fields, status: answer.status });
		await this.recordDelivered(forward, attempts, answer.status, fields);
		return 'delivered';
	}

	/** Counts a 2xx and submits the "delivered" mark, keeping at most maxUnconfirmedMarks in flight. */
	private async recordDelivered(
		forward: PendingForward,
		attempts: number,
		status: number,
		fields: Record<string, unknown>,
	): Promise<void> {
		const { clock, metrics } = this.deps;
		const at = clock.now();
		metrics.forwarded.inc({ target: this.target.id });
		metrics.endToEndLatency.observe(Math.max(0, at - forward.receivedAt) / 1000);
		await this.confirmMarks(this.deps.maxUnconfirmedMarks - 1);
		const delivered: Outcome = { state: 'delivered', attempt: { attempts, at, status } };
		const mark = this.write(forward.seq, delivered).catch((error: unknown) =>
			this.remember(forward.seq, delivered, fields, error),
		);
		this.unconfirmedMarks.push(mark);
	}

	private async attempt(
		forward: PendingForward,
		signals: LaneSignals,
	): Promise<AttemptOutcome | undefined> {
		await this.deps.ingest.yieldToBurst(signals.stop);
		const release = await this.deps.semaphore.acquire(signals.stop);
		if (release === undefined) return undefined;
		try {
			// Checked as late as possible: the lease may have run out while this send waited.
			if (!this.owned()) throw new LaneLostError(`lane ${this.target.id} is not held`);
			return await sendForward(this.target, forward, {
				dispatcher: this.deps.dispatcher,
				timeoutMs: this.deps.timeoutMs,
				lateAnswerMs: this.deps.lateAnswerMs,
				now: this.deps.clock.now(),
				maxRetryAfterMs: this.deps.retry.maxDelayMs,
				signal: signals.abort,
			});
		} finally {
			release();
		}
	}
}
