import type { Clock } from '../time/clock';

export interface BurstPolicy {
	/** Deliveries being handled at once from which ingestion counts as a burst; 0 = never yield. */
	concurrency: number;
	/** Longest a lane waits for a burst to pass before each send (clock milliseconds). */
	maxYieldMs: number;
}

/**
 * A burst is over once this long has passed without `concurrency` deliveries in progress. The
 * count itself rises and falls within every group commit (a batch is answered all at once), so
 * only a short quiet spell says that senders stopped queueing up.
 */
const QUIET_MS = 5;

/**
 * Deliveries being received right now. A sender waits for (and times out on) our acknowledgement,
 * while an event already stored can be forwarded a moment later, so during a burst — many
 * deliveries in progress at once, i.e. senders queueing for acknowledgements — the lanes let
 * ingestion have the CPU: before each send a lane waits for a quiet spell, but at most
 * `maxYieldMs`, so forwarding keeps moving (at least 1000 / maxYieldMs events per second per
 * target) even under a sustained flood. Steady traffic that the receiver keeps up with has few
 * deliveries in progress at a time and never makes a lane wait. Measured in bench/receiver.ts.
 */
export class IngestActivity {
	private active = 0;
	private burstSeenAt = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly policy: BurstPolicy,
		private readonly clock: Clock,
	) {}

	/** Wraps the handling of one delivery. */
	async track<T>(handle: () => Promise<T>): Promise<T> {
		this.active++;
		this.noteBurst();
		try {
			return await handle();
		} finally {
			// The quiet spell counts from the end of the burst, not from its last arrival.
			this.noteBurst();
			this.active--;
		}
	}

	private noteBurst(): void {
		if (this.policy.concurrency > 0 && this.active >= this.policy.concurrency)
			this.burstSeenAt = this.clock.now();
	}

	inBurst(): boolean {
		if (this.policy.concurrency === 0) return false;
		return this.active >= this.policy.concurrency || this.clock.now() - this.burstSeenAt < QUIET_MS;
	}

	/** Resolves after a quiet spell, after at most `maxYieldMs`, or when `stop` aborts. */
	async yieldToBurst(stop: AbortSignal): Promise<void> {
		const deadline = this.clock.now() + this.policy.maxYieldMs;
		while (this.inBurst() && !stop.aborted) {
			const left = deadline - this.clock.now();
			if (left <= 0) return;
			await this.clock.sleep(Math.min(QUIET_MS, left), stop);
		}
	}
}
