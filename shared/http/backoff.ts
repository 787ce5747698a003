import { MAX_RETRY_DELAY_MS } from './retry-after';

export interface BackoffOptions {
	/** Wait before the first retry, before jitter. Default 1000 ms (docs/api/conventions.md#client-retries). */
	baseMs?: number;
	/** Hard ceiling after jitter. Default 300 000 ms. */
	maxMs?: number;
	/** Extra random fraction added on top, 0..jitterRatio. Default 0.3 ("up to 30 %"). */
	jitterRatio?: number;
}

/**
 * Delay before retry number `attempt` (0 = first retry): base × 2^attempt plus up to 30 % jitter,
 * never above `maxMs`. Jitter only ever adds, so the nominal delay is a lower bound callers can
 * rely on; `random` is injected so tests can pin it.
 */
export function backoffDelay(
	attempt: number,
	random: () => number,
	options: BackoffOptions = {},
): number {
	const baseMs = options.baseMs ?? 1000;
	const maxMs = options.maxMs ?? MAX_RETRY_DELAY_MS;
	const jitterRatio = options.jitterRatio ?? 0.3;
	const exponent = Math.max(0, Math.floor(attempt));
	const nominal = baseMs * 2 ** Math.min(exponent, 52);
	const draw = Math.min(Math.max(random(), 0), 1);
	return Math.min(Math.round(nominal * (1 + jitterRatio * draw)), maxMs);
}
