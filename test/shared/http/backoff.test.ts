import { describe, expect, it } from 'vitest';

import { seededRandom } from '../../../emulator/core/rng';
import { backoffDelay } from '../../../shared/http/backoff';

describe('backoffDelay', () => {
	it('stays within [1 s × 2^n, 1.3 × that] for a seeded random', () => {
		const random = seededRandom(42);
		for (let attempt = 0; attempt < 8; attempt++) {
			for (let draw = 0; draw < 200; draw++) {
				const delay = backoffDelay(attempt, random);
				const nominal = 1000 * 2 ** attempt;
				expect(delay).toBeGreaterThanOrEqual(nominal);
				expect(delay).toBeLessThanOrEqual(nominal * 1.3);
			}
		}
	});

	it('uses the random draw for jitter: 0 → nominal, ~1 → +30 %', () => {
		expect(backoffDelay(2, () => 0)).toBe(4000);
		expect(backoffDelay(2, () => 0.5)).toBe(4600);
		expect(backoffDelay(2, () => 0.999999)).toBe(5200);
	});

	it('is capped, also for absurd attempts and out-of-range randoms', () => {
		expect(backoffDelay(20, () => 0.9)).toBe(300_000);
		expect(backoffDelay(5000, () => 0.9)).toBe(300_000);
		expect(backoffDelay(3, () => 0, { maxMs: 5000 })).toBe(5000);
		expect(backoffDelay(0, () => 7)).toBe(1300);
		expect(backoffDelay(0, () => -1)).toBe(1000);
		expect(backoffDelay(1, () => 0, { baseMs: 10 })).toBe(20);
	});
});
