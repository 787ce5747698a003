import { readFileSync } from 'node:fs';

import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { API_README_PATH, OPENAPI_PATH, renderApiDocs } from '../../scripts/generate-api-docs';
import { ENDPOINTS } from '../../shared/contract/endpoints';
import { startTestEmulator, type TestEmulator } from '../emulator-tests/helpers';

type Json = Record<string, any>;

const fileText = readFileSync(OPENAPI_PATH, 'utf8');
const doc = JSON.parse(fileText) as Json;

async function validate(spec: Json): Promise<{ valid: boolean; errors?: unknown }> {
	return new Validator().validate(structuredClone(spec));
}

function operationOf(method: string, path: string): Json | undefined {
	return doc.paths[path]?.[method.toLowerCase()];
}

describe('docs/api/openapi.json', () => {
	it('is a valid OpenAPI 3.1 document', async () => {
		expect(doc.openapi).toBe('3.1.0');
		const result = await validate(doc);
		expect(result.errors).toBeUndefined();
		expect(result.valid).toBe(true);
	});

	it('is refused by the validator once broken (the check above can fail)', async () => {
		const broken = structuredClone(doc);
		broken.paths['/indexes'].get.responses = 'none';
		expect((await validate(broken)).valid).toBe(false);
	});

	it('describes every endpoint with its auth, scope, idempotency and paging', () => {
		const operations = Object.values(doc.paths as Json).flatMap((item) =>
			Object.values(item as Json),
		);
		expect(operations).toHaveLength(Object.keys(ENDPOINTS).length);
		for (const [key, endpoint] of Object.entries(ENDPOINTS)) {
			const op = operationOf(endpoint.method, endpoint.path);
			expect(op?.operationId, key).toBe(key);
			expect(op?.['x-auth'], key).toBe(endpoint.auth);
			expect(op?.['x-idempotent'], key).toBe(endpoint.idempotent);
			expect(op?.['x-paginated'], key).toBe(endpoint.paginated);
			const names = (op?.parameters ?? []).map((p: Json) => p.name);
			for (const [, name] of endpoint.path.matchAll(/\{([a-z_]+)\}/g))
				expect(names, key).toContain(name);
			if (endpoint.paginated)
				expect(names, key).toEqual(expect.arrayContaining(['cursor', 'limit']));
			if (endpoint.auth === 'api_key') {
				expect(['search', 'read', 'write', 'admin'], key).toContain(op?.['x-scope']);
				expect(op?.security, key).toEqual([{ ApiKey: [op?.['x-scope']] }, { BearerJwt: [] }]);
			}
			if (endpoint.auth === 'jwt') expect(op?.security, key).toEqual([{ BearerJwt: [] }]);
			if (endpoint.auth === 'none') expect(op?.security, key).toEqual([]);
		}
	});

	it('resolves every $ref to a component schema', () => {
		const refs = fileText.match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
		expect(refs.length).toBeGreaterThan(50);
		for (const ref of new Set(refs))
			expect(doc.components.schemas, ref).toHaveProperty(
				ref.slice('"#/components/schemas/'.length, -1),
			);
	});

	it('is exactly what `npm run docs:api` generates from the code now (no drift), and so is docs/api/README.md', async () => {
		const { openapi, readme } = await renderApiDocs();
		expect(fileText === openapi, 'docs/api/openapi.json is stale: run npm run docs:api').toBe(true);
		expect(
			readFileSync(API_README_PATH, 'utf8') === readme,
			'docs/api/README.md is stale: run npm run docs:api',
		).toBe(true);
	});
});

describe('GET /api/v2/openapi.json on the emulator', () => {
	let t: TestEmulator;
	beforeAll(async () => {
		t = await startTestEmulator();
	});
	afterAll(() => t.close());

	it('serves the generated description without credentials', async () => {
		const res = await t.call('GET', '/openapi.json', { key: null });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(res.text).toBe(fileText);
	});
});
