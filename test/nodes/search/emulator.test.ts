/**
 * Searches over real HTTP against the emulator: the filter's body cursor and the workflow search's
 * snapshot pages at scale, image bytes from the input item, retries through injected faults.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/app';
import { runNode } from '../../support/run-node';
import { emulatorCredentials } from '../../support/emulator-run';
import { byId } from '../../support/node-fixtures';

let emulator: RunningEmulator;
let seeded: { index_id: string; run_id: string };

beforeAll(async () => {
	emulator = await startEmulator({ seed: 'empty', randomSeed: 'search-tests' });
	// 60 media × 5 segments = 300 segment results in one finished run.
	seeded = emulator.control.seed.index({
		media: 60,
		segmentsPerMedia: 5,
		failureRate: 0,
	}) as typeof seeded;
});
afterAll(async () => await emulator.close());
beforeEach(() => {
	emulator.control.requests.clear();
	emulator.control.faults.clear();
});

const search = (
	parameters: Record<string, unknown>,
	items?: Parameters<typeof runNode>[0]['items'],
) =>
	runNode({
		parameters: { resource: 'search', options: {}, ...parameters },
		credentials: emulatorCredentials(emulator),
		items,
	});

const condition = (field: string, type: string, operator: string, value = '') => ({
	field,
	type,
	operator,
	value,
});

describe('Search over the emulator', () => {
	it('filter Return All walks every body-cursor page and returns only matching segments', async () => {
		const { output } = await search({
			operation: 'filter',
			indexId: byId(seeded.index_id),
			conditions: { condition: [condition('mood', 'string', 'equals', 'calm')] },
			runIds: seeded.run_id,
			returnAll: true,
		});
		expect(output.length).toBeGreaterThan(0);
		expect(output.every((i) => (i.json.metadata as { mood?: string }).mood === 'calm')).toBe(true);

		emulator.control.requests.clear();
		const everything = await search({
			operation: 'filter',
			indexId: byId(seeded.index_id),
			conditions: { condition: [condition('summary', 'string', 'is_not_empty')] },
			runIds: [seeded.run_id],
			returnAll: true,
		});
		expect(everything.output).toHaveLength(300);
		expect(new Set(everything.output.map((i) => i.json.result_id)).size).toBe(300);
		const pages = emulator.control.requests.list({ path: `/search/filter/${seeded.index_id}` });
		const bodies = pages.map(
			(p) => p.body as { page_size: number; cursor?: string; run_ids: string[] },
		);
		expect(pages.map((p) => p.status)).toEqual([200, 200, 200]);
		expect(bodies.map((b) => b.page_size)).toEqual([100, 100, 100]);
		expect(bodies[0].cursor).toBeUndefined();
		expect(new Set(bodies.slice(1).map((b) => b.cursor)).size).toBe(2);
		expect(bodies.every((b) => b.run_ids[0] === seeded.run_id)).toBe(true);
	});

	it('filter Limit stops fetching once the limit is reached', async () => {
		const { output } = await search({
			operation: 'filter',
			indexId: byId(seeded.index_id),
			conditions: { condition: [condition('people_count', 'integer', 'greater_equal', '0')] },
			runIds: seeded.run_id,
			returnAll: false,
			limit: 30,
		});
		expect(output).toHaveLength(30);
		expect(
			emulator.control.requests.list({ path: `/search/filter/${seeded.index_id}` }),
		).toHaveLength(1);
	});

	it('workflow search pages a snapshot: one POST, then GETs with the cursor only', async () => {
		const { output } = await search({
			operation: 'combined',
			query: 'people',
			searchScope: 'index',
			indexId: byId(seeded.index_id),
			resultLevel: 'segment',
			returnAll: true,
		});
		expect(output).toHaveLength(300);
		const log = emulator.control.requests.list();
		expect(log.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /workflow/search',
			...Array(5).fill('GET /workflow/search/page'),
		]);
		expect(log.slice(1).every((r) => Object.keys(r.query).join() === 'cursor')).toBe(true);
		const scores = output.map((i) => i.json.similarity_score as number);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
	});

	it('a rate-limited workflow search is retried with the same Idempotency-Key', async () => {
		emulator.control.faults.add({
			kind: 'rate_limit',
			method: 'POST',
			path: '/workflow/search',
			next: 1,
			retryAfterSeconds: 0,
		});
		const { output } = await search({
			operation: 'combined',
			query: '',
			conditions: { condition: [condition('is_safe', 'boolean', 'equals', 'true')] },
			searchScope: 'runs',
			scopeRunIds: seeded.run_id,
			resultLevel: 'video',
			returnAll: false,
			limit: 5,
		});
		expect(output).toHaveLength(5);
		const posts = emulator.control.requests.list({ method: 'POST', path: '/workflow/search' });
		expect(posts.map((p) => p.status)).toEqual([429, 200]);
		expect(posts[0].headers['idempotency-key']).toBe(posts[1].headers['idempotency-key']);
	});

	it('image search sends the input binary and returns hits with image scores', async () => {
		const image = Buffer.from('fake-png-bytes-for-a-stable-ranking');
		const { output } = await search(
			{ operation: 'image', indexId: byId(seeded.index_id), binaryPropertyName: 'data', topK: 7 },
			[{ json: {}, binary: { data: { data: image.toString('base64'), mimeType: 'image/png' } } }],
		);
		expect(output).toHaveLength(7);
		expect(output[0].json).toHaveProperty('matched_image_score');
		const [logged] = emulator.control.requests.list({
			path: `/indexes/${seeded.index_id}/image-search`,
		});
		expect(logged.status).toBe(200);
	});

	it('text search is retried after a 503 thanks to its derived key', async () => {
		emulator.control.faults.add({
			kind: 'server_error',
			method: 'POST',
			path: '/indexes/*/search',
			next: 1,
			status: 503,
			retryAfterSeconds: 0,
		});
		const { output } = await search({
			operation: 'text',
			indexId: byId(seeded.index_id),
			query: 'calm people',
			topK: 12,
		});
		expect(output).toHaveLength(12);
		expect(output[0].json).toHaveProperty('reranked_score');
		expect(
			emulator.control.requests
				.list({ path: `/indexes/${seeded.index_id}/search` })
				.map((r) => r.status),
		).toEqual([503, 200]);
	});

	it('SQL catalog, generate and execute work together', async () => {
		const catalog = await search({ operation: 'sqlCatalog', indexId: byId(seeded.index_id) });
		expect(Array.isArray(catalog.output[0].json.tables)).toBe(true);
		const generated = await search({
			operation: 'sqlGenerate',
			indexId: byId(seeded.index_id),
			instruction: 'count segments per mood',
		});
		const query = String(generated.output[0].json.query);
		expect(query).toMatch(/select/i);
		const rows = await search({
			operation: 'sqlExecute',
			indexId: byId(seeded.index_id),
			query,
			resultLimit: 100,
			output: 'rows',
		});
		expect(rows.output.length).toBeGreaterThan(0);
	});
});
