import { describe, expect, it } from 'vitest';

import { runNode, TEST_BASE_URL, type RecordedRequest } from '../../support/run-node';
import { bearerCredentials, path, TEST_BEARER_TOKEN } from '../../support/node-fixtures';

const NEW_KEY = `sk_live_${'0f'.repeat(24)}`;
const masked = {
	key_id: 'key_1',
	key_prefix: 'sk_live_0f0f',
	name: 'CI',
	scopes: ['read'],
	is_active: true,
};

const operations: Array<[string, Record<string, unknown>]> = [
	['create', { name: 'CI', scopes: ['read'], expiresInDays: 0 }],
	['getAll', { returnAll: true }],
	['get', { keyId: 'key_1' }],
	['delete', { keyId: 'key_1' }],
	['revoke', { keyId: 'key_1' }],
	['rotate', { keyId: 'key_1' }],
];

describe('API key: refused without a Bearer Token credential', () => {
	it.each(operations)(
		'%s is refused with an API-key credential before any request',
		async (operation, parameters) => {
			const requests: RecordedRequest[] = [];
			const run = runNode({
				parameters: { resource: 'apiKey', operation, ...parameters },
				respond: (r) => (requests.push(r), { body: {} }),
			});
			await expect(run).rejects.toThrow('API key operations need a Bearer Token credential');
			expect(requests).toHaveLength(0);
		},
	);
});

describe('API key: with a Bearer Token credential', () => {
	const run = (operation: string, parameters: Record<string, unknown>, body: unknown) =>
		runNode({
			parameters: { resource: 'apiKey', operation, ...parameters },
			credentials: bearerCredentials(),
			respond: () => ({ body }),
		});

	it('create sends name and scopes, authenticates with the bearer token only, and returns the key once', async () => {
		const { requests, output } = await run(
			'create',
			{ name: ' CI ', scopes: ['read', 'search'], expiresInDays: 0 },
			{ ...masked, key: NEW_KEY },
		);
		expect(requests[0].method).toBe('POST');
		expect(requests[0].url).toBe(`${TEST_BASE_URL}/api-keys`);
		expect(requests[0].body).toEqual({ name: 'CI', scopes: ['read', 'search'] });
		expect(requests[0].headers.authorization).toBe(`Bearer ${TEST_BEARER_TOKEN}`);
		expect(requests[0].headers['x-api-key']).toBeUndefined();
		// Not de-duplicated by the API (docs/api/conventions.md#idempotency-keys): no key, so never retried into a second key.
		expect(requests[0].headers['idempotency-key']).toBeUndefined();
		expect(output[0].json.key).toBe(NEW_KEY);
	});

	it('create sends expires_in_days when set', async () => {
		const { requests } = await run(
			'create',
			{ name: 'CI', scopes: ['admin'], expiresInDays: 30 },
			masked,
		);
		expect(requests[0].body).toEqual({ name: 'CI', scopes: ['admin'], expires_in_days: 30 });
	});

	it.each([
		['no scope', { scopes: [] }, 'Select at least one scope'],
		['an expiry over 365 days', { expiresInDays: 400 }, 'whole number from 0 to 365'],
		['a fractional expiry', { expiresInDays: 1.5 }, 'whole number from 0 to 365'],
		['an empty name', { name: '' }, 'Name is required'],
	])('create refuses %s before sending', async (_case, override, message) => {
		const requests: RecordedRequest[] = [];
		const attempt = runNode({
			parameters: {
				resource: 'apiKey',
				operation: 'create',
				name: 'CI',
				scopes: ['read'],
				expiresInDays: 0,
				...override,
			},
			credentials: bearerCredentials(),
			respond: (r) => (requests.push(r), { body: {} }),
		});
		await expect(attempt).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});

	it.each([
		['get', 'GET', '/api-keys/key_1'],
		['delete', 'DELETE', '/api-keys/key_1'],
		['revoke', 'POST', '/api-keys/key_1/revoke'],
		['rotate', 'POST', '/api-keys/key_1/rotate'],
	])('%s calls %s %s without a body', async (operation, method, expectedPath) => {
		const { requests } = await run(operation, { keyId: 'key_1' }, masked);
		expect(requests[0].method).toBe(method);
		expect(path(requests[0].url)).toBe(expectedPath);
		expect(requests[0].body).toBeUndefined();
		expect(requests[0].headers['idempotency-key']).toBeUndefined();
	});

	it('rotate returns the old id and the new key', async () => {
		const answer = { old_key_id: 'key_1', new_key: { ...masked, key_id: 'key_2', key: NEW_KEY } };
		const { output } = await run('rotate', { keyId: 'key_1' }, answer);
		expect(output[0].json).toEqual(answer);
	});

	it('list returns one item per key, trimmed to the limit', async () => {
		const { requests, output } = await run('getAll', { returnAll: false, limit: 1 }, [
			masked,
			{ ...masked, key_id: 'key_2' },
		]);
		expect(`${requests[0].method} ${path(requests[0].url)}`).toBe('GET /api-keys');
		expect(output.map((i) => i.json.key_id)).toEqual(['key_1']);
	});
});
