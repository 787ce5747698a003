import { describe, expect, it } from 'vitest';

import { checkConditions } from '../../../nodes/VideoVector/actions/search/filter-conditions';
import { runNode, type RecordedRequest } from '../../support/run-node';
import { byId, route } from '../../support/node-fixtures';

const cond = (field: string, type: string, operator: string, value?: string | number) => ({
	field,
	type,
	operator,
	value,
});

describe('Filter conditions: the rules in docs/api/conventions.md#search', () => {
	it('types every value by its declared type and drops the value of is_empty/is_not_empty', () => {
		expect(
			checkConditions([
				cond('scene.location', 'string', 'equals', 'beach'),
				cond('people_count', 'integer', 'greater_equal', '3'),
				cond('scene.people[].tags', 'array', 'item_equals', '42'),
				cond('scene.notes', 'string', 'is_empty', 'ignored'),
			]),
		).toEqual([
			{ field: 'scene.location', operator: 'equals', type: 'string', value: 'beach' },
			{ field: 'people_count', operator: 'greater_equal', type: 'integer', value: 3 },
			{ field: 'scene.people[].tags', operator: 'item_equals', type: 'array', value: 42 },
			{ field: 'scene.notes', operator: 'is_empty', type: 'string' },
		]);
		expect(checkConditions([cond('f', 'number', 'less_than', '2.5')])).toEqual([
			{ field: 'f', operator: 'less_than', type: 'number', value: 2.5 },
		]);
		expect(checkConditions([cond('f', 'boolean', 'equals', 'TRUE')])).toEqual([
			{ field: 'f', operator: 'equals', type: 'boolean', value: true },
		]);
		expect(checkConditions([cond('f', 'array', 'item_equals', '"42"')])).toEqual([
			{ field: 'f', operator: 'item_equals', type: 'array', value: '42' },
		]);
		expect(checkConditions([cond('f', 'array', 'item_equals', 'dog')])).toEqual([
			{ field: 'f', operator: 'item_equals', type: 'array', value: 'dog' },
		]);
		expect(checkConditions([cond('f', 'array', 'length_greater', 0)])).toEqual([
			{ field: 'f', operator: 'length_greater', type: 'array', value: 0 },
		]);
	});

	it.each([
		['no conditions', [], 'Add at least one condition'],
		[
			'five conditions',
			Array(5).fill(cond('f', 'string', 'equals', 'x')),
			'At most 4 conditions are allowed (got 5)',
		],
		['a blank field', [cond(' ', 'string', 'equals', 'x')], 'Condition 1: Field is required'],
		[
			'an operator of another type',
			[cond('n', 'integer', 'contains', '1')],
			'Condition 1 (n): operator "contains" is not allowed for type integer',
		],
		[
			'boolean with greater_than',
			[cond('b', 'boolean', 'greater_than', 'true')],
			'operator "greater_than" is not allowed for type boolean',
		],
		[
			'a missing value',
			[cond('a', 'string', 'equals', 'x'), cond('s', 'string', 'contains', '  ')],
			'Condition 2 (s): a value is required for operator "contains"',
		],
		[
			'a non-integer for integer',
			[cond('n', 'integer', 'equals', '2.5')],
			'the value must be a whole number (got "2.5")',
		],
		[
			'text for number',
			[cond('n', 'number', 'equals', 'ten')],
			'the value must be a finite number',
		],
		['yes for boolean', [cond('b', 'boolean', 'equals', 'yes')], 'the value must be true or false'],
		[
			'a negative length',
			[cond('a', 'array', 'length_less', '-1')],
			'the value must be a non-negative whole number',
		],
		['an unknown type', [cond('a', 'date', 'equals', 'x')], 'unknown type "date"'],
	])('refuses %s', (_case, rows, message) => {
		const result = checkConditions(rows as never);
		expect(typeof result).toBe('string');
		expect(result).toContain(message);
	});
});

/**
 * 7 matches in pages of `page_size` but never more than `serverCap` (a server may serve less than asked),
 * cursor = offset, legacy and new keys together as the emulator does.
 */
function filterPages(total = 7, serverCap = 100) {
	return (r: RecordedRequest) => {
		const body = r.body as { page_size: number; cursor?: string };
		const start = Number(body.cursor ?? 0);
		const size = Math.min(body.page_size, serverCap);
		const results = Array.from({ length: Math.min(size, total - start) }, (_, i) => ({
			result_id: `m${start + i}`,
			similarity_score: null,
		}));
		const next = start + size < total ? String(start + size) : null;
		return {
			body: {
				results,
				next_page_token: next,
				total_shown: results.length,
				data: results,
				pagination: { has_more: next !== null, next_cursor: next },
			},
		};
	};
}

describe('Search: filter with body paging', () => {
	const params = {
		resource: 'search',
		operation: 'filter',
		indexId: byId('idx_1'),
		conditions: {
			condition: [
				cond('scene.mood', 'string', 'equals', 'calm'),
				cond('scene.people[]', 'array', 'is_not_empty', ''),
			],
		},
		runIds: 'run_1',
		options: { indexIds: 'idx_2' },
	};
	const conditions = [
		{ field: 'scene.mood', operator: 'equals', type: 'string', value: 'calm' },
		{ field: 'scene.people[]', operator: 'is_not_empty', type: 'array' },
	];

	it('Return All walks the body cursor, repeating the filters on every page', async () => {
		const { requests, output } = await runNode({
			parameters: { ...params, returnAll: true },
			respond: filterPages(7, 3),
		});
		expect(requests.map((r) => `${r.method} ${route(r.url)}`)).toEqual(
			Array(3).fill('POST /search/filter/idx_1'),
		);
		const page = { conditions, run_ids: ['run_1'], index_ids: ['idx_2'], page_size: 100 };
		expect(requests.map((r) => r.body)).toEqual([
			page,
			{ ...page, cursor: '3' },
			{ ...page, cursor: '6' },
		]);
		expect(output.map((i) => i.json.result_id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
	});

	it('Limit asks for pages no larger than the limit and stops fetching once it is reached', async () => {
		const { requests, output } = await runNode({
			parameters: { ...params, returnAll: false, limit: 3 },
			respond: filterPages(7, 2),
		});
		const page = { conditions, run_ids: ['run_1'], index_ids: ['idx_2'], page_size: 3 };
		expect(requests.map((r) => r.body)).toEqual([page, { ...page, cursor: '2' }]);
		expect(output.map((i) => i.json.result_id)).toEqual(['m0', 'm1', 'm2']);
	});

	it('filter with Search In Playground uses the playground path and the same body', async () => {
		const { requests } = await runNode({
			parameters: { ...params, searchIn: 'playground', returnAll: true },
			respond: filterPages(2),
		});
		expect(route(requests[0].url)).toBe('/search/filter/playground');
		expect(requests[0].body).toMatchObject({ conditions, run_ids: ['run_1'] });
	});

	it.each([
		['no run ids', { runIds: ' ' }, /Run IDs: give at least one ID/],
		[
			'a bad condition',
			{ conditions: { condition: [cond('x', 'string', 'greater_than', '1')] } },
			/operator "greater_than" is not allowed for type string/,
		],
		['no conditions', { conditions: {} }, /Add at least one condition/],
	])('refuses %s before any request', async (_case, override, message) => {
		const requests: RecordedRequest[] = [];
		const run = runNode({
			parameters: { ...params, returnAll: true, ...override },
			respond: (r) => void requests.push(r),
		});
		await expect(run).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});
});

describe('Search: workflow search (POST first page, GET further pages)', () => {
	const params = {
		resource: 'search',
		operation: 'combined',
		query: 'kids playing',
		searchScope: 'index',
		indexId: byId('idx_1'),
		resultLevel: 'segment',
		options: {},
	};
	/** 5 hits in pages of 2; the snapshot cursor is the only thing the GET carries. */
	function snapshot(total = 5) {
		return (r: RecordedRequest) => {
			const start =
				r.method === 'POST' ? 0 : Number(new URL(r.url).searchParams.get('cursor')?.split('@')[1]);
			const data = Array.from({ length: Math.min(2, total - start) }, (_, i) => ({
				result_id: `w${start + i}`,
				similarity_score: 1 - (start + i) / 10,
			}));
			const next = start + 2 < total ? `snap@${start + 2}` : null;
			return {
				body: {
					data,
					pagination: { has_more: next !== null, next_cursor: next },
					snapshot_id: 'snap',
					warnings: [],
					candidate_limit: 500,
				},
			};
		};
	}

	it('Return All follows the snapshot with GET ?cursor= only', async () => {
		const { requests, output } = await runNode({
			parameters: { ...params, returnAll: true },
			respond: snapshot(),
		});
		expect(requests.map((r) => `${r.method} ${route(r.url)}`)).toEqual([
			'POST /workflow/search',
			'GET /workflow/search/page?cursor=snap%402',
			'GET /workflow/search/page?cursor=snap%404',
		]);
		expect(requests[0].body).toEqual({
			query: 'kids playing',
			result_level: 'segment',
			limit: 50,
			index_id: 'idx_1',
		});
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-/);
		expect(requests[1].body).toBeUndefined();
		expect(output.map((i) => i.json.result_id)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4']);
	});

	it('Limit sets the page size and stops paging at the limit', async () => {
		const { requests, output } = await runNode({
			parameters: { ...params, returnAll: false, limit: 3 },
			respond: snapshot(),
		});
		expect((requests[0].body as { limit: number }).limit).toBe(3);
		expect(output.map((i) => i.json.result_id)).toEqual(['w0', 'w1', 'w2']);
		expect(requests).toHaveLength(2);
	});

	it('sends conditions without their type, and each scope under its own key', async () => {
		const { requests } = await runNode({
			parameters: {
				...params,
				query: '',
				conditions: {
					condition: [
						cond('mood', 'string', 'equals', 'calm'),
						cond('n', 'integer', 'less_than', '4'),
					],
				},
				searchScope: 'runs',
				scopeRunIds: 'r1,r2',
				returnAll: true,
			},
			respond: snapshot(1),
		});
		expect(requests[0].body).toEqual({
			result_level: 'segment',
			limit: 50,
			prompt_run_ids: ['r1', 'r2'],
			filters: [
				{ field: 'mood', operator: 'equals', value: 'calm' },
				{ field: 'n', operator: 'less_than', value: 4 },
			],
		});
		for (const [scope, extra, expected] of [
			['indexName', { indexName: 'Clips' }, { index_name: 'Clips' }],
			['videos', { videoIds: 'v1' }, { video_ids: ['v1'] }],
			['playground', {}, {}],
		] as const) {
			const run = await runNode({
				parameters: { ...params, searchScope: scope, ...extra, returnAll: true },
				respond: snapshot(1),
			});
			expect(run.requests[0].body).toEqual({
				query: 'kids playing',
				result_level: 'segment',
				limit: 50,
				...expected,
			});
		}
	});

	it('refuses a search with neither query nor conditions before any request', async () => {
		const requests: RecordedRequest[] = [];
		const run = runNode({
			parameters: { ...params, query: ' ', conditions: {}, returnAll: true },
			respond: (r) => void requests.push(r),
		});
		await expect(run).rejects.toThrow(/Give a Query, at least one condition, or both/);
		expect(requests).toHaveLength(0);
	});
});
