import { backoffDelay } from '../../shared/http/backoff';
import { MAX_RETRY_DELAY_MS } from '../../shared/http/retry-after';

export interface ReconnectBackoffOptions {
	/** First reconnect delay until the server sends `retry:` (the SSE default is a few seconds). */
	initialMs: number;
	/** Ceiling of the exponential growth (a larger server `retry:` still wins, up to 300 s). */
	maxMs: number;
	random: () => number;
}

/**
 * Delay before each reconnect: the server's `retry:` value (or the initial delay) doubled per failed
 * connection in a row, plus up to 30 % jitter so many triggers do not reconnect in lock-step. Jitter
 * only adds, so the server's `retry:` is always honoured as a lower bound. A connection that delivered
 * events resets the growth.
 */
export class ReconnectBackoff {
	private baseMs: number;
	private failures = 0;

	constructor(private readonly options: ReconnectBackoffOptions) {
		this.baseMs = options.initialMs;
	}

	/** `retry: <ms>` from the stream (docs/api/conventions.md#processing-event-stream). */
	serverRetry(ms: number): void {
		this.baseMs = Math.min(Math.max(0, ms), MAX_RETRY_DELAY_MS);
	}

	/** The connection was useful: the next reconnect waits the base delay again. */
	succeeded(): void {
		this.failures = 0;
	}

	nextDelay(): number {
		const delay = backoffDelay(this.failures, this.options.random, {
			// A `retry: 0` must still grow on repeated failures instead of spinning.
			baseMs: Math.max(1, this.baseMs),
			maxMs: Math.max(this.options.maxMs, this.baseMs),
			jitterRatio: 0.3,
		});
		this.failures++;
		return delay;
	}
}
