import { describe, expect, it } from 'vitest';

import { parseApiError, VideoVectorApiError } from '../../../shared/http/api-error';
import { formatLocation } from '../../../shared/http/error-body';
import type { ApiResponse } from '../../../shared/http/types';

const NOW = Date.UTC(2026, 3, 20, 10, 0, 0);

function parse(status: number, body: unknown, headers: Record<string, string> = {}) {
	const response: ApiResponse = { status, headers, body };
	return parseApiError(response, { now: () => NOW });
}

describe('parseApiError: the shapes in docs/api/conventions.md#error-bodies', () => {
	it('canonical {error:{code,message,details,request_id}}', () => {
		const error = parse(
			403,
			{
				error: {
					code: 'authorization_insufficient_scope',
					message: 'Key lacks the write scope',
					details: { required_scope: 'write' },
					request_id: 'req_body',
					timestamp: '2026-04-20T10:00:00Z',
				},
			},
			{ 'x-request-id': 'req_header' },
		);
		expect(error).toBeInstanceOf(VideoVectorApiError);
		expect(error).toMatchObject({
			name: 'VideoVectorApiError',
			status: 403,
			code: 'authorization_insufficient_scope',
			message: 'Key lacks the write scope',
			requestId: 'req_body',
			details: { required_scope: 'write' },
			field: undefined,
			retryAfterMs: undefined,
		});
	});

	it('error.error_code, error.retry_after and details.field', () => {
		const error = parse(429, {
			error: {
				error_code: 'quota_llm_budget_exhausted',
				message: 'Budget',
				retry_after: 12,
				details: { field: 'processing_model' },
			},
		});
		expect(error).toMatchObject({
			code: 'quota_llm_budget_exhausted',
			retryAfterMs: 12_000,
			field: 'processing_model',
		});
	});

	it('Retry-After header wins over the body value', () => {
		expect(
			parse(429, { error: { code: 'x', retry_after: 12 } }, { 'retry-after': '2' }).retryAfterMs,
		).toBe(2000);
	});

	it('top-level {message, code | error_code, details, request_id}', () => {
		expect(
			parse(409, { message: 'Run already terminal', code: 'conflict_state', request_id: 'req_2' }),
		).toMatchObject({
			code: 'conflict_state',
			message: 'Run already terminal',
			requestId: 'req_2',
		});
		expect(parse(409, { message: 'm', error_code: 'legacy' }).code).toBe('legacy');
	});

	it('FastAPI detail as text', () => {
		expect(parse(404, { detail: 'Video not found' })).toMatchObject({
			code: 'http_404',
			message: 'Video not found',
		});
	});

	it('FastAPI validation list: field from loc, every problem in the message', () => {
		const error = parse(422, {
			detail: [
				{ loc: ['body', 'target', 'video_ids', 0], msg: 'must not be empty', type: 'value_error' },
				{
					loc: ['query', 'limit'],
					msg: 'ensure this value is less than or equal to 100',
					type: 'value_error',
				},
			],
		});
		expect(error.field).toBe('target.video_ids[0]');
		expect(error.code).toBe('http_422');
		expect(error.message).toBe(
			'target.video_ids[0]: must not be empty; limit: ensure this value is less than or equal to 100',
		);
		expect(Array.isArray(error.details)).toBe(true);
	});

	it('FastAPI detail object {message, code}', () => {
		expect(
			parse(422, { detail: { message: 'Bad idempotency key', code: 'idempotency_key_invalid' } }),
		).toMatchObject({
			code: 'idempotency_key_invalid',
			message: 'Bad idempotency key',
		});
	});

	it('non-JSON body: trimmed, capped text and http_<status>', () => {
		const html = `  <html><body>${'x'.repeat(5000)}</body></html>\n`;
		const error = parse(502, html);
		expect(error.code).toBe('http_502');
		expect(error.message.startsWith('<html><body>xxx')).toBe(true);
		expect(error.message.length).toBe(1000);
		expect(parse(500, '  upstream died \n').message).toBe('upstream died');
	});

	it('empty or unrecognised body: generic message, request id from headers', () => {
		expect(parse(503, undefined, { 'x-correlation-id': 'corr_1' })).toMatchObject({
			code: 'http_503',
			message: 'Request failed with HTTP status 503',
			requestId: 'corr_1',
		});
		expect(parse(500, { weird: true }).message).toBe('Request failed with HTTP status 500');
		expect(parse(401, { error: 'Invalid webhook signature or subscription' }).message).toBe(
			'Invalid webhook signature or subscription',
		);
	});

	it('redacts secrets in message, field and details', () => {
		const error = parse(422, {
			error: {
				code: 'validation_failed',
				message: 'X-API-Key: sk_live_0123456789abcdef0123456789abcdef0123456789abcdef rejected',
				details: {
					errors: [{ field: 'aws_secret_access_key', input: 'AKIA-SECRET' }],
					secret: 'whsec_abc',
				},
			},
		});
		expect(error.message).toBe('X-API-Key: [REDACTED] rejected');
		expect(error.field).toBe('aws_secret_access_key');
		expect(JSON.stringify(error.details)).not.toMatch(/whsec_abc|AKIA-SECRET/);
	});
});

describe('formatLocation', () => {
	it('drops the location prefix and formats indexes', () => {
		expect(formatLocation(['body', 'name'])).toBe('name');
		expect(formatLocation(['body'])).toBe('body');
		expect(formatLocation(['items', 2, 'id'])).toBe('items[2].id');
		expect(formatLocation([])).toBeUndefined();
		expect(formatLocation('name')).toBeUndefined();
	});
});
