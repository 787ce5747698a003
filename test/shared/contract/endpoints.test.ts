import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
	checkEndpoints,
	ENDPOINTS_TS_PATH,
	readEndpointsJson,
	renderEndpointsModule,
} from '../../../scripts/generate-endpoints';
import { endpointRequest } from '../../../shared/contract/endpoint-request';
import {
	buildPath,
	ENDPOINT_KEYS,
	ENDPOINTS,
	findEndpoint,
} from '../../../shared/contract/endpoints';

interface JsonRow {
	resource: string;
	operation: string;
	method: string;
	path: string;
	auth: string;
	idempotent: boolean;
	paginated: boolean;
	binary: string;
	source: string;
}

const rows = readEndpointsJson() as JsonRow[];

/** A concrete path for a template, with values that can never equal a literal segment. */
function concrete(template: string): string {
	return template.replace(/\{([^}]+)\}/g, (_m, name: string) => `p_${name}`);
}

describe('generated endpoint table', () => {
	it('is exactly what the generator produces from endpoints.json now (no drift)', () => {
		expect(readFileSync(ENDPOINTS_TS_PATH, 'utf8')).toBe(renderEndpointsModule(rows));
	});

	it('has one entry per JSON row with identical fields', () => {
		expect(ENDPOINT_KEYS).toHaveLength(rows.length);
		for (const row of rows) {
			const key = `${row.resource}.${row.operation}` as keyof typeof ENDPOINTS;
			expect(ENDPOINTS[key]).toEqual(row);
		}
	});

	it('generator refuses duplicate keys, duplicate routes and unknown methods', () => {
		const base = rows[0] as JsonRow;
		expect(() => checkEndpoints([base, { ...base }])).toThrow(/duplicate key/);
		expect(() => checkEndpoints([base, { ...base, operation: 'other' }])).toThrow(
			/duplicate route/,
		);
		expect(() => checkEndpoints([{ ...base, method: 'FETCH' }])).toThrow(/unknown method/);
		expect(() => checkEndpoints([{ ...base, path: 'no-slash' }])).toThrow(/bad path/);
	});
});

describe('findEndpoint', () => {
	it('routes every endpoint back to itself from a concrete path', () => {
		for (const key of ENDPOINT_KEYS) {
			const endpoint = ENDPOINTS[key];
			expect(findEndpoint(endpoint.method, concrete(endpoint.path))?.key, key).toBe(key);
		}
	});

	it('prefers literal routes over placeholders (contract route order)', () => {
		expect(findEndpoint('GET', '/webhooks/events')?.key).toBe('webhooks.listEventTypes');
		expect(findEndpoint('GET', '/webhooks/wh_1')?.key).toBe('webhooks.get');
		expect(findEndpoint('POST', '/search/filter/playground')?.key).toBe('search.filterPlayground');
		expect(findEndpoint('POST', '/search/filter/idx_1')?.key).toBe('search.filter');
		expect(findEndpoint('POST', '/videos/batch')?.key).toBe('videos.batchGet');
		expect(findEndpoint('GET', '/webhooks/deliveries/d_1')?.key).toBe('webhooks.getDelivery');
	});

	it('returns decoded params, ignores the query string, trailing slash and method case', () => {
		const match = findEndpoint('get', '/indexes/idx%2F1%20a/videos/?limit=5&cursor=abc');
		expect(match?.key).toBe('indexes.listVideos');
		expect(match?.params).toEqual({ index_id: 'idx/1 a' });
	});

	it('returns undefined for unknown routes, wrong methods and malformed encodings', () => {
		expect(findEndpoint('GET', '/nope')).toBeUndefined();
		expect(findEndpoint('PATCH', '/indexes/idx_1')).toBeUndefined();
		expect(findEndpoint('GET', '/indexes/%E0%A4%A')).toBeUndefined();
		expect(findEndpoint('GET', '/indexes//videos')).toBeUndefined();
	});
});

describe('buildPath', () => {
	it('encodes every segment', () => {
		expect(buildPath('/indexes/{index_id}/videos', { index_id: 'a/b?c#d e' })).toBe(
			'/indexes/a%2Fb%3Fc%23d%20e/videos',
		);
		expect(
			buildPath('/prompt-runs/{run_id}/videos/{video_id}/segments/{segment_id}/retry', {
				run_id: 'run 1',
				video_id: 'vid/2',
				segment_id: 'ség',
			}),
		).toBe('/prompt-runs/run%201/videos/vid%2F2/segments/s%C3%A9g/retry');
	});

	it('refuses empty, missing, dot-segment and unknown params', () => {
		expect(() => buildPath('/indexes/{index_id}', { index_id: '' })).toThrow(/non-empty/);
		expect(() => buildPath('/indexes/{index_id}', {} as { index_id: string })).toThrow(/index_id/);
		expect(() => buildPath('/indexes/{index_id}', { index_id: '..' })).toThrow(/"\."/);
		expect(() => buildPath('/indexes/{index_id}', { index_id: '.' })).toThrow(/"\."/);
		expect(() => buildPath('/indexes', { index_id: 'x' } as never)).toThrow(
			/Unknown path parameter/,
		);
	});

	it('is typed: a missing param does not compile', () => {
		// @ts-expect-error index_id is required by the template
		expect(() => buildPath('/indexes/{index_id}', {})).toThrow();
	});
});

describe('endpointRequest', () => {
	it('builds method, encoded path and extras from a key', () => {
		const request = endpointRequest('prompt_runs.cancel', {
			params: { run_id: 'run/1' },
			idempotencyKey: 'k-1',
		});
		expect(request).toEqual({
			method: 'POST',
			path: '/prompt-runs/run%2F1/cancel',
			idempotencyKey: 'k-1',
		});
		expect(endpointRequest('indexes.list', { query: { include_defaults: false } })).toEqual({
			method: 'GET',
			path: '/indexes',
			query: { include_defaults: false },
		});
	});
});
