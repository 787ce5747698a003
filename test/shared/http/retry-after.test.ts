import { describe, expect, it } from 'vitest';

import { parseRetryAfter, retryAfterSecondsToMs } from '../../../shared/http/retry-after';

const NOW = Date.UTC(2026, 3, 20, 10, 0, 0);

describe('parseRetryAfter', () => {
	it.each<[string | undefined | null, number | undefined]>([
		['0', 0],
		['7', 7000],
		[' 12 ', 12000],
		['1.5', 1500],
		['300', 300_000],
		['301', 300_000],
		['86400', 300_000],
		['Mon, 20 Apr 2026 10:00:30 GMT', 30_000],
		['Mon, 20 Apr 2026 09:59:00 GMT', 0],
		['Mon, 20 Apr 2026 12:00:00 GMT', 300_000],
		['Monday, 20-Apr-26 10:00:10 GMT', 10_000],
		['-5', undefined],
		['soon', undefined],
		['2026-04-20T10:00:30Z', undefined],
		['', undefined],
		[undefined, undefined],
		[null, undefined],
	])('%j → %j', (header, expected) => {
		expect(parseRetryAfter(header, NOW)).toBe(expected);
	});

	it('honours a custom ceiling', () => {
		expect(parseRetryAfter('100', NOW, 5000)).toBe(5000);
	});

	it('retry_after from a body is seconds, clamped', () => {
		expect(retryAfterSecondsToMs(5)).toBe(5000);
		expect(retryAfterSecondsToMs('2')).toBe(2000);
		expect(retryAfterSecondsToMs(10_000)).toBe(300_000);
		expect(retryAfterSecondsToMs(-1)).toBeUndefined();
		expect(retryAfterSecondsToMs('x')).toBeUndefined();
		expect(retryAfterSecondsToMs(undefined)).toBeUndefined();
	});
});
