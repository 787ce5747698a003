import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEndpointsJson } from '../../scripts/generate-endpoints.js';
import { buildUrl, startTestEmulator, type TestEmulator } from './helpers.js';

/**
 * Every entry of the endpoint table (docs/api/upstream/endpoints.json) must be served. A request
 * with placeholder ids may well be a resource 404 — that proves the route exists — but never
 * `route_not_found`.
 */

interface Endpoint {
	resource: string;
	operation: string;
	method: string;
	path: string;
	auth: 'api_key' | 'jwt' | 'none';
}

const endpoints = readEndpointsJson() as Endpoint[];

describe('endpoint coverage', () => {
	let t: TestEmulator;
	beforeAll(async () => {
		t = await startTestEmulator();
	});
	afterAll(() => t.close());

	it('reads the full contract list', () => {
		expect(endpoints).toHaveLength(106);
	});

	it('answers an unknown route with route_not_found (the signal this test relies on)', async () => {
		const res = await t.call('GET', '/definitely/not/a/route');
		expect(res.status).toBe(404);
		expect(res.body.error.code).toBe('route_not_found');
	});

	it.each(endpoints.map((e) => [`${e.method} ${e.path}`, e] as const))(
		'%s is served',
		async (_name, endpoint) => {
			const path = endpoint.path.replace(
				/\{([a-z_]+)\}/g,
				(_m, name: string) => `placeholder_${name}`,
			);
			const headers: Record<string, string> = { accept: 'application/json' };
			if (endpoint.auth === 'jwt') headers.authorization = `Bearer ${t.emu.bearerToken}`;
			if (endpoint.auth === 'api_key') headers['x-api-key'] = t.emu.apiKey;
			const hasBody = ['POST', 'PUT', 'PATCH'].includes(endpoint.method);
			if (hasBody) headers['content-type'] = 'application/json';
			const controller = new AbortController();
			const response = await fetch(buildUrl(t.emu.baseUrl, path), {
				method: endpoint.method,
				headers,
				body: hasBody ? '{}' : undefined,
				signal: controller.signal,
			});
			expect(response.headers.get('x-request-id')).toMatch(/^req_/);
			if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
				expect(response.status).toBe(200);
				controller.abort();
				return;
			}
			const text = await response.text();
			const code = text.startsWith('{')
				? (JSON.parse(text) as { error?: { code?: string } }).error?.code
				: undefined;
			expect(code).not.toBe('route_not_found');
			if (response.status === 404) expect(code).toMatch(/^resource_[a-z_]+_not_found$/);
			expect(response.status).toBeLessThan(500);
		},
	);
});
