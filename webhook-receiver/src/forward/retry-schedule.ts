import { backoffDelay } from '../../../shared/http/backoff';
import type { Random } from '../time/random';
import type { AttemptOutcome } from './send-forward';

export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	jitterRatio: number;
}

/**
 * Wait before the next attempt after `attempts` failed ones: the target's Retry-After when it sent
 * one (it knows when it will be back), else exponential backoff with additive jitter.
 */
export function retryDelayMs(
	attempts: number,
	outcome: AttemptOutcome,
	policy: RetryPolicy,
	random: Random,
): number {
	if (outcome.kind === 'failed' && outcome.retryAfterMs !== undefined) return outcome.retryAfterMs;
	return backoffDelay(attempts - 1, random, {
		baseMs: policy.baseDelayMs,
		maxMs: policy.maxDelayMs,
		jitterRatio: policy.jitterRatio,
	});
}
