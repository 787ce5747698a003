import { describe, expect, it } from 'vitest';

import { isRetryableRequest, isRetryableStatus } from '../../../shared/http/retry-policy';
import type { HttpMethod } from '../../../shared/http/types';

describe('isRetryableRequest (docs/api/conventions.md#client-retries)', () => {
	it.each<[HttpMethod, string, string | undefined, boolean]>([
		['GET', '/indexes', undefined, true],
		['HEAD', '/indexes', undefined, true],
		['OPTIONS', '/indexes', undefined, true],
		['PUT', '/prompts/p_1', undefined, true],
		['DELETE', '/indexes/idx_1', undefined, true],
		['POST', '/videos', undefined, false],
		['POST', '/videos', '', false],
		['POST', '/videos', '   ', false],
		['PATCH', '/webhooks/wh_1', undefined, false],
		['POST', '/prompt-runs/execute', 'key-1', true],
		['PATCH', '/webhooks/wh_1', 'key-1', true],
		['POST', '/exports/exp_1/download-url', undefined, false],
		['POST', '/exports/exp_1/download-url', 'key-1', false],
		['POST', '/exports/exp_1/download-url?x=1', 'key-1', false],
		['GET', '/exports/exp_1/download', undefined, true],
	])('%s %s key=%j → %s', (method, path, idempotencyKey, expected) => {
		expect(isRetryableRequest({ method, path, idempotencyKey })).toBe(expected);
	});
});

describe('isRetryableStatus', () => {
	it('retries exactly 429, 500, 502, 503, 504', () => {
		const retryable = Array.from({ length: 500 }, (_, i) => i + 100).filter(isRetryableStatus);
		expect(retryable).toEqual([429, 500, 502, 503, 504]);
	});
});
