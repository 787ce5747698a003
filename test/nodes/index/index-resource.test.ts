import { describe, expect, it } from 'vitest';

import { runNode, TEST_API_KEY, TEST_BASE_URL } from '../../support/run-node';
import { byId } from '../../support/node-fixtures';

describe('Index resource: requests and output', () => {
	it('create sends the name with a derived, stable Idempotency-Key', async () => {
		const params = { resource: 'index', operation: 'create', name: 'Clips', options: {} };
		const answer = { statusCode: 201, body: { index_id: 'idx_1', name: 'Clips' } };
		const first = await runNode({
			parameters: params,
			executionId: 'exec-1',
			respond: () => answer,
		});
		const again = await runNode({
			parameters: params,
			executionId: 'exec-1',
			respond: () => answer,
		});
		const other = await runNode({
			parameters: params,
			executionId: 'exec-2',
			respond: () => answer,
		});

		const [request] = first.requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe(`${TEST_BASE_URL}/indexes`);
		expect(request.body).toEqual({ name: 'Clips' });
		expect(request.headers['x-api-key']).toBe(TEST_API_KEY);
		expect(request.headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		expect(again.requests[0].headers['idempotency-key']).toBe(request.headers['idempotency-key']);
		expect(other.requests[0].headers['idempotency-key']).not.toBe(
			request.headers['idempotency-key'],
		);
		expect(first.output).toEqual([
			{ json: { index_id: 'idx_1', name: 'Clips' }, pairedItem: { item: 0 } },
		]);
	});

	it('create uses the idempotency key the user gave', async () => {
		const { requests } = await runNode({
			parameters: {
				resource: 'index',
				operation: 'create',
				name: 'Clips',
				options: { idempotencyKey: 'order-77' },
			},
			respond: () => ({ statusCode: 201, body: {} }),
		});
		expect(requests[0].headers['idempotency-key']).toBe('order-77');
	});

	it('get encodes the id as one path segment and sends no idempotency key', async () => {
		const { requests, output } = await runNode({
			parameters: { resource: 'index', operation: 'get', indexId: byId('idx/1 a') },
			respond: () => ({ body: { index_id: 'idx/1 a' } }),
		});
		expect(requests[0].method).toBe('GET');
		expect(requests[0].url).toBe(`${TEST_BASE_URL}/indexes/idx%2F1%20a`);
		expect(requests[0].headers['idempotency-key']).toBeUndefined();
		expect(output[0].json).toEqual({ index_id: 'idx/1 a' });
	});

	it('list passes include_defaults and trims to the limit', async () => {
		const all = Array.from({ length: 7 }, (_, i) => ({ index_id: `idx_${i}` }));
		const { requests, output } = await runNode({
			parameters: {
				resource: 'index',
				operation: 'getAll',
				returnAll: false,
				limit: 3,
			},
			respond: () => ({ body: all }),
		});
		// Demo indexes only when Options → Include Demo Indexes asks for them (the API lists them by default).
		expect(requests[0].url).toBe(`${TEST_BASE_URL}/indexes?include_defaults=false`);
		expect(output.map((item) => item.json.index_id)).toEqual(['idx_0', 'idx_1', 'idx_2']);
		const withDemo = await runNode({
			parameters: {
				resource: 'index',
				operation: 'getAll',
				returnAll: true,
				options: { includeDefaults: true },
			},
			respond: () => ({ body: all }),
		});
		expect(withDemo.requests[0].url).toBe(`${TEST_BASE_URL}/indexes?include_defaults=true`);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Media → Get Many of an index follows cursors page by page and stops at the limit', async () => {
		const pages: Record<string, { data: object[]; pagination: object }> = {
			first: {
				data: [{ video_id: 'v1' }, { video_id: 'v2' }],
				pagination: { has_more: true, next_cursor: 'c2' },
			},
			c2: {
				data: [{ video_id: 'v3' }, { video_id: 'v4' }],
				pagination: { has_more: true, next_cursor: 'c3' },
			},
			c3: { data: [{ video_id: 'v5' }], pagination: { has_more: false, next_cursor: null } },
		};
		const respond = (request: { url: string }) => ({
			body: pages[new URL(request.url).searchParams.get('cursor') ?? 'first'],
		});
		const all = await runNode({
			parameters: {
				resource: 'media',
				operation: 'getAll',
				mediaIn: 'index',
				indexId: byId('idx_1'),
				returnAll: true,
			},
			respond,
		});
		expect(all.output.map((item) => item.json.video_id)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5']);
		expect(all.requests.map((r) => new URL(r.url).pathname)).toEqual(
			Array(3).fill('/api/v2/indexes/idx_1/videos'),
		);

		const limited = await runNode({
			parameters: {
				resource: 'media',
				operation: 'getAll',
				mediaIn: 'index',
				indexId: byId('idx_1'),
				returnAll: false,
				limit: 3,
			},
			respond,
		});
		expect(limited.output.map((item) => item.json.video_id)).toEqual(['v1', 'v2', 'v3']);
		expect(limited.requests).toHaveLength(2);
	});

	it('an API error names the message, the parameter to change, status and request id, and never the key', async () => {
		const run = runNode({
			parameters: { resource: 'index', operation: 'create', name: '', options: {} },
			respond: () => ({
				statusCode: 422,
				headers: { 'x-request-id': 'req_abc' },
				body: {
					error: {
						code: 'validation_failed',
						message: `name is required (key ${TEST_API_KEY})`,
						details: { field: 'name' },
					},
				},
			}),
		});
		await expect(run).rejects.toMatchObject({ httpCode: '422' });
		const error = (await run.then(
			() => undefined,
			(e: unknown) => e,
		)) as Error & { description?: string };
		expect(error.message).toContain('name is required');
		expect(error.message).toContain('(parameter: Name)');
		expect(error.message).not.toContain(TEST_API_KEY);
		expect(error.description).toContain('Request ID: req_abc');
	});

	it('continue on fail returns an error item paired with its input', async () => {
		const { output } = await runNode({
			parameters: { resource: 'index', operation: 'get', indexId: byId('missing') },
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			respond: (_r, i) =>
				i === 0
					? {
							statusCode: 404,
							body: { error: { code: 'resource_index_not_found', message: 'Index not found' } },
						}
					: { body: { index_id: 'ok' } },
		});
		expect(output[0].json.error).toContain('Index not found');
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1]).toEqual({ json: { index_id: 'ok' }, pairedItem: { item: 1 } });
	});
});
