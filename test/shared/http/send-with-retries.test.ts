import { describe, expect, it } from 'vitest';

import { VideoVectorApiError, VideoVectorNetworkError } from '../../../shared/http/api-error';
import { sendWithRetries, type RetryEvent } from '../../../shared/http/send-with-retries';
import type { ApiRequest } from '../../../shared/http/types';
import {
	recordingSleep,
	response,
	scriptedTransport,
	type Step,
} from '../helpers/scripted-transport';

const NOW = Date.UTC(2026, 3, 20, 10, 0, 0);
const GET: ApiRequest = { method: 'GET', path: '/indexes' };
const POST: ApiRequest = { method: 'POST', path: '/videos', body: { title: 't' } };

async function run(
	steps: Step[],
	request: ApiRequest = GET,
	extra: { maxRetries?: number; random?: () => number } = {},
) {
	const transport = scriptedTransport(steps);
	const sleep = recordingSleep();
	const retries: RetryEvent[] = [];
	const outcome = await sendWithRetries(transport, request, {
		sleep,
		random: extra.random ?? (() => 0),
		now: () => NOW,
		maxRetries: extra.maxRetries,
		onRetry: (event) => retries.push(event),
		knownSecrets: ['my-very-secret-key'],
	}).then(
		(value) => ({ value, error: undefined }),
		(error: unknown) => ({ value: undefined, error }),
	);
	return { ...outcome, calls: transport.requests.length, waits: sleep.waits, retries };
}

describe('sendWithRetries', () => {
	it('returns the first 2xx, whatever its code', async () => {
		for (const status of [200, 201, 202, 204]) {
			const result = await run([response(status, status === 204 ? undefined : { ok: true })]);
			expect(result.value?.status).toBe(status);
			expect(result.calls).toBe(1);
		}
	});

	it('retries a GET through transient statuses with exponential backoff', async () => {
		const result = await run([response(503), response(502), response(500), response(200, [])]);
		expect(result.value?.status).toBe(200);
		expect(result.calls).toBe(4);
		expect(result.waits).toEqual([1000, 2000, 4000]);
		expect(
			result.retries.map((r) => [r.retry, r.delayMs, (r.error as VideoVectorApiError).status]),
		).toEqual([
			[1, 1000, 503],
			[2, 2000, 502],
			[3, 4000, 500],
		]);
	});

	it('gives up after maxRetries and throws the last typed error', async () => {
		const result = await run([
			response(504),
			response(504),
			response(504),
			response(504, { error: { code: 'gw', message: 'gateway' } }),
		]);
		expect(result.calls).toBe(4);
		expect(result.error).toBeInstanceOf(VideoVectorApiError);
		expect(result.error).toMatchObject({ status: 504, code: 'gw', message: 'gateway' });
		const none = await run([response(500), response(200)], GET, { maxRetries: 0 });
		expect(none.calls).toBe(1);
		expect(none.error).toMatchObject({ status: 500 });
	});

	it('honours Retry-After delta-seconds and HTTP-date on 429/503, clamped to 300 s', async () => {
		expect(
			(await run([response(429, undefined, { 'retry-after': '7' }), response(200)])).waits,
		).toEqual([7000]);
		const date = new Date(NOW + 42_000).toUTCString();
		expect(
			(await run([response(503, undefined, { 'retry-after': date }), response(200)])).waits,
		).toEqual([42_000]);
		expect(
			(await run([response(429, undefined, { 'retry-after': '9999' }), response(200)])).waits,
		).toEqual([300_000]);
	});

	it('429 without the header uses error.retry_after from the body, else backoff', async () => {
		const withBody = await run([
			response(429, { error: { code: 'rate_limit_exceeded', retry_after: 3 } }),
			response(200),
		]);
		expect(withBody.waits).toEqual([3000]);
		const bare = await run(
			[response(429, { error: { code: 'rate_limit_exceeded' } }), response(200)],
			GET,
			{
				random: () => 0.5,
			},
		);
		expect(bare.waits).toEqual([1150]);
	});

	it('never retries a POST without Idempotency-Key, retries it with one', async () => {
		const plain = await run([response(503), response(200)], POST);
		expect(plain.calls).toBe(1);
		expect(plain.error).toMatchObject({ status: 503 });
		const keyed = await run([response(503), response(200)], { ...POST, idempotencyKey: 'k1' });
		expect(keyed.calls).toBe(2);
		expect(keyed.value?.status).toBe(200);
	});

	it('never retries POST /exports/{id}/download-url', async () => {
		const result = await run([response(503), response(200)], {
			method: 'POST',
			path: '/exports/e1/download-url',
			idempotencyKey: 'k',
		});
		expect(result.calls).toBe(1);
	});

	it.each([400, 401, 403, 404, 409, 422, 302])('does not retry status %i', async (status) => {
		const result = await run([
			response(status, { error: { code: `c${status}`, message: 'no' } }),
			response(200),
		]);
		expect(result.calls).toBe(1);
		expect(result.error).toMatchObject({ status, code: `c${status}` });
	});

	it('retries network errors for retryable requests and reports them typed', async () => {
		const recovered = await run([new Error('socket hang up'), response(200)]);
		expect(recovered.value?.status).toBe(200);
		expect(recovered.waits).toEqual([1000]);
		expect(recovered.retries[0]?.error).toBeInstanceOf(VideoVectorNetworkError);

		const failing = await run([
			new Error('ECONNRESET'),
			new Error('ECONNRESET'),
			new Error('ECONNRESET'),
			new Error('connect ECONNREFUSED'),
		]);
		expect(failing.calls).toBe(4);
		expect(failing.error).toBeInstanceOf(VideoVectorNetworkError);
		expect(failing.error).toMatchObject({ code: 'network_error' });

		const post = await run([new Error('socket hang up'), response(200)], POST);
		expect(post.calls).toBe(1);
		expect(post.error).toBeInstanceOf(VideoVectorNetworkError);
	});

	it('classifies timeouts as timeout_error', async () => {
		const timeout = Object.assign(new Error('Headers Timeout Error'), {
			code: 'UND_ERR_HEADERS_TIMEOUT',
		});
		const result = await run([timeout], GET, { maxRetries: 0 });
		expect(result.error).toMatchObject({
			code: 'timeout_error',
			causeCode: 'UND_ERR_HEADERS_TIMEOUT',
		});
	});

	it('redacts configured secrets and key patterns from the final error', async () => {
		const result = await run([
			response(401, {
				error: {
					code: 'authentication_invalid_api_key',
					message: 'bad key my-very-secret-key sk_live_abc123',
				},
			}),
		]);
		expect((result.error as Error).message).toBe('bad key [REDACTED] sk_live_[REDACTED]');
	});
});
