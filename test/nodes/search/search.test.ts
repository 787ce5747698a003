import { describe, expect, it } from 'vitest';

import { runNode } from '../../support/run-node';
import { byId, record, route } from '../../support/node-fixtures';

const hits = [
	{ result_id: 'h1', similarity_score: 0.91, reranked_score: 0.88, text_content: 'a' },
	{ result_id: 'h2', similarity_score: 0.75, reranked_score: 0.7, text_content: 'b' },
];
const IMAGE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const withImage = [
	{ json: {}, binary: { photo: { data: IMAGE.toString('base64'), mimeType: 'image/png' } } },
];

describe('Search: semantic searches', () => {
	it('text search sends query, top_k and scope options with a derived key, one item per hit with scores', async () => {
		const { requests, output } = await runNode({
			parameters: {
				resource: 'search',
				operation: 'text',
				indexId: byId('idx_1'),
				query: 'beach sunset',
				topK: 10,
				options: { runIds: 'run_1,run_2', indexIds: ['idx_2'], searchFields: 'scene.location' },
			},
			respond: () => ({ body: hits }),
		});
		expect(requests[0].method).toBe('POST');
		expect(route(requests[0].url)).toBe('/indexes/idx_1/search');
		expect(requests[0].body).toEqual({
			query: 'beach sunset',
			top_k: 10,
			run_ids: ['run_1', 'run_2'],
			index_ids: ['idx_2'],
			search_fields: ['scene.location'],
		});
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		expect(output.map((i) => i.json)).toEqual(hits);
		expect(output.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('image search sends the input binary as base64 image_data', async () => {
		const { requests, output } = await runNode({
			parameters: {
				resource: 'search',
				operation: 'image',
				indexId: byId('idx_1'),
				binaryPropertyName: 'photo',
				topK: 20,
				options: {},
			},
			items: withImage,
			respond: () => ({ body: { results: hits, total: 2 } }),
		});
		expect(route(requests[0].url)).toBe('/indexes/idx_1/image-search');
		expect(requests[0].body).toEqual({ image_data: IMAGE.toString('base64'), top_k: 20 });
		expect(output.map((i) => i.json.result_id)).toEqual(['h1', 'h2']);
	});

	it('image search refuses a missing binary property before any request', async () => {
		const { requests, respond } = record();
		const run = runNode({
			parameters: {
				resource: 'search',
				operation: 'image',
				indexId: byId('idx_1'),
				binaryPropertyName: 'photo',
				topK: 20,
				options: {},
			},
			respond,
		});
		await expect(run).rejects.toThrow(/binary file 'photo'/);
		expect(requests).toHaveLength(0);
	});

	it('multimodal search sends the weights as a pair summing to 1, text and image when given', async () => {
		const both = await runNode({
			parameters: {
				resource: 'search',
				operation: 'multimodal',
				indexId: byId('idx_1'),
				textQuery: 'dog',
				binaryPropertyName: 'photo',
				textWeight: 0.7,
				topK: 5,
				options: {},
			},
			items: withImage,
			respond: () => ({ body: [{ result_id: 'm1', fused_score: 0.03, match_type: 'both' }] }),
		});
		expect(route(both.requests[0].url)).toBe('/indexes/idx_1/multimodal-search');
		expect(both.requests[0].body).toEqual({
			top_k: 5,
			text_weight: 0.7,
			image_weight: 0.3,
			text_query: 'dog',
			image_data: IMAGE.toString('base64'),
		});
		expect(both.output[0].json).toEqual({ result_id: 'm1', fused_score: 0.03, match_type: 'both' });

		const textOnly = await runNode({
			parameters: {
				resource: 'search',
				operation: 'multimodal',
				indexId: byId('idx_1'),
				textQuery: 'dog',
				binaryPropertyName: '',
				textWeight: 1,
				topK: 20,
				options: {},
			},
			respond: () => ({ body: [] }),
		});
		expect(textOnly.requests[0].body).toEqual({
			top_k: 20,
			text_weight: 1,
			image_weight: 0,
			text_query: 'dog',
		});
		expect(textOnly.output).toEqual([]);
	});

	it.each([
		[
			'neither text nor image',
			{ textQuery: '', binaryPropertyName: '' },
			/Give a Text Query, an Input Binary Field/,
		],
		[
			'a text weight above 1',
			{ textQuery: 'x', binaryPropertyName: '', textWeight: 1.2 },
			/Text Weight must be a number from 0 to 1/,
		],
		[
			'top_k above 100',
			{ textQuery: 'x', binaryPropertyName: '', topK: 101 },
			/Limit must be a whole number from 1 to 100/,
		],
	])('multimodal refuses %s before any request', async (_case, override, message) => {
		const { requests, respond } = record();
		const run = runNode({
			parameters: {
				resource: 'search',
				operation: 'multimodal',
				indexId: byId('i'),
				textWeight: 0.5,
				topK: 20,
				options: {},
				...override,
			},
			respond,
		});
		await expect(run).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});

	it('multi-run search sends runs or the index, aggregation and top_k without a key', async () => {
		const { requests, output } = await runNode({
			parameters: {
				resource: 'search',
				operation: 'multiRun',
				query: 'goal',
				runIds: 'r1 r2',
				indexId: byId(''),
				aggregation: 'weighted',
				topK: 7,
			},
			respond: () => ({ body: hits }),
		});
		expect(route(requests[0].url)).toBe('/search/multi-run');
		expect(requests[0].body).toEqual({
			query: 'goal',
			aggregation: 'weighted',
			top_k: 7,
			run_ids: ['r1', 'r2'],
		});
		expect(requests[0].headers['idempotency-key']).toBeUndefined();
		expect(output).toHaveLength(2);

		const byIndex = await runNode({
			parameters: {
				resource: 'search',
				operation: 'multiRun',
				query: 'goal',
				runIds: '',
				indexId: byId('idx_3'),
				aggregation: 'best',
				topK: 5,
			},
			respond: () => ({ body: [] }),
		});
		expect(byIndex.requests[0].body).toEqual({
			query: 'goal',
			aggregation: 'best',
			top_k: 5,
			index_id: 'idx_3',
		});
	});

	it('multi-run search refuses to run without runs or an index', async () => {
		const { requests, respond } = record();
		const run = runNode({
			parameters: {
				resource: 'search',
				operation: 'multiRun',
				query: 'goal',
				runIds: '',
				indexId: byId(''),
				aggregation: 'best',
				topK: 5,
			},
			respond,
		});
		await expect(run).rejects.toThrow(/Give Run IDs, an Index/);
		expect(requests).toHaveLength(0);
	});

	it('text search in the playground puts the optional run id in the query string', async () => {
		const { requests } = await runNode({
			parameters: {
				resource: 'search',
				operation: 'text',
				searchIn: 'playground',
				query: 'cats',
				topK: 30,
				options: { runIds: 'run_5' },
			},
			respond: () => ({ body: hits }),
		});
		expect(route(requests[0].url)).toBe('/playground/search?run_id=run_5');
		expect(requests[0].body).toEqual({ query: 'cats', top_k: 30 });
	});

	it('text search in the playground refuses more than one run before any request', async () => {
		const { requests, respond } = record();
		const run = runNode({
			parameters: {
				resource: 'search',
				operation: 'text',
				searchIn: 'playground',
				query: 'cats',
				options: { runIds: 'run_5, run_6' },
			},
			respond,
		});
		await expect(run).rejects.toThrow(/one prompt run at most/);
		expect(requests).toHaveLength(0);
	});
});

describe('Search: SQL', () => {
	it('catalog posts an explicit empty object when no option is set', async () => {
		const { requests, output } = await runNode({
			parameters: {
				resource: 'search',
				operation: 'sqlCatalog',
				indexId: byId('idx_1'),
				options: {},
			},
			respond: () => ({ body: { tables: [{ name: 'segments', columns: [] }] } }),
		});
		expect(route(requests[0].url)).toBe('/search/sql/idx_1/catalog');
		expect(requests[0].body).toEqual({});
		expect(output[0].json).toEqual({ tables: [{ name: 'segments', columns: [] }] });
	});

	it('generate sends the instruction and existing query with an Idempotency-Key', async () => {
		const { requests, output } = await runNode({
			parameters: {
				resource: 'search',
				operation: 'sqlGenerate',
				indexId: byId('idx_1'),
				instruction: 'count by mood',
				options: { existingQuery: 'SELECT 1', runIds: 'r1' },
			},
			respond: () => ({ body: { query: 'SELECT mood, count(*) FROM segments GROUP BY mood' } }),
		});
		expect(route(requests[0].url)).toBe('/search/sql/idx_1/generate');
		expect(requests[0].body).toEqual({
			instruction: 'count by mood',
			run_ids: ['r1'],
			existing_query: 'SELECT 1',
		});
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-/);
		expect(output[0].json.query).toContain('GROUP BY');
	});

	it('execute returns one item per row, or the whole answer', async () => {
		const answer = {
			rows: [
				{ mood: 'calm', n: 3 },
				{ mood: 'tense', n: 1 },
			],
			row_context: [],
			truncated: false,
			applied_result_limit: 50,
		};
		const params = {
			resource: 'search',
			operation: 'sqlExecute',
			indexId: byId('idx_1'),
			query: 'SELECT mood, n FROM t',
			resultLimit: 50,
			options: {},
		};
		const rows = await runNode({
			parameters: { ...params, output: 'rows' },
			respond: () => ({ body: answer }),
		});
		expect(route(rows.requests[0].url)).toBe('/search/sql/idx_1');
		expect(rows.requests[0].body).toEqual({ query: 'SELECT mood, n FROM t', result_limit: 50 });
		expect(rows.output.map((i) => i.json)).toEqual(answer.rows);

		const whole = await runNode({
			parameters: { ...params, output: 'response' },
			respond: () => ({ body: answer }),
		});
		expect(whole.output).toEqual([{ json: answer, pairedItem: { item: 0 } }]);
	});

	it('execute refuses a result limit over 2000 before any request', async () => {
		const { requests, respond } = record();
		const run = runNode({
			parameters: {
				resource: 'search',
				operation: 'sqlExecute',
				indexId: byId('i'),
				query: 'SELECT 1',
				resultLimit: 2001,
				output: 'rows',
				options: {},
			},
			respond,
		});
		await expect(run).rejects.toThrow(/Limit must be a whole number from 1 to 2000/);
		expect(requests).toHaveLength(0);
	});
});
