/**
 * Node benchmark: Return All of 100,000 items through the VideoVector node's execute path (n8n's
 * function context stand-in, parameters, router, operation, shared pagination and retry policy, n8n
 * request options over real HTTP) vs a plain undici loop doing the same requests, in the same run.
 *
 * Two lists, both seeded in bulk through the emulator's control API (the emulator runs in its own
 * process so its memory is not counted):
 *   - media items of an index (Index → List Media, pages of 100);
 *   - segment results of a prompt run for one media item (Prompt Run → List Results, pages of 100).
 * Both paths keep every item (a node must output them all), so memory growth is mostly the 100,000
 * items themselves. It is measured in a fresh child process per path — in the timing process the
 * heap has already grown during warm-up and would hide it — and the plain loop's growth is reported
 * as the baseline. RSS (the target) also counts heap pages V8 keeps after collecting garbage, so the
 * live heap growth is reported next to it: that is what the output really retains.
 * Time is the median of alternating rounds: the emulator dominates each round and its garbage
 * collection makes single rounds noisy.
 * Targets: time ratio <= 1.3 (the node wraps each item and re-reads its parameters per request),
 * RSS growth < 100 MB.
 */
import { performance } from 'node:perf_hooks';

import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { growthInChild, measureGrowth, runIfMemoryChild, type MemoryGrowth } from './child-memory';
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process';
import { executeNode, type Endpoint } from './node-execute';
import { ratioOf, type BenchResult } from './result';

const ITEMS = 100_000;
const PAGE = 100;
const ROUNDS = 5;
const TIME_TARGET = 1.3;
const RSS_TARGET_MB = 100;

/** A small extraction schema keeps generated metadata from dominating the size of each segment result. */
const SMALL_SCHEMA = {
	type: 'object',
	properties: { mood: { type: 'string' }, people_count: { type: 'integer' } },
};

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

interface Workload {
	label: string;
	/** Node parameters of the operation under test. */
	parameters: Record<string, unknown>;
	/** The same list as plain requests: path and fixed query. */
	path: string;
	query: Record<string, string>;
}

async function plainLoop(emulator: Endpoint, workload: Workload): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	let cursor: string | null = null;
	do {
		const url = new URL(`${emulator.baseUrl}${workload.path}`);
		for (const [key, value] of Object.entries(workload.query)) url.searchParams.set(key, value);
		url.searchParams.set('limit', String(PAGE));
		if (cursor) url.searchParams.set('cursor', cursor);
		const response = await request(url, {
			headers: { 'x-api-key': emulator.apiKey, accept: 'application/json' },
		});
		const page = (await response.body.json()) as {
			data: IDataObject[];
			pagination: { has_more: boolean; next_cursor: string | null };
		};
		for (const item of page.data) items.push(item);
		cursor = page.pagination.has_more ? page.pagination.next_cursor : null;
	} while (cursor);
	return items;
}

async function timed(fn: () => Promise<unknown[]>): Promise<number> {
	const start = performance.now();
	const items = await fn();
	const ms = performance.now() - start;
	if (items.length !== ITEMS) throw new Error(`expected ${ITEMS} items, got ${items.length}`);
	return ms;
}

type PathName = 'node' | 'plain';

function runPath(endpoint: Endpoint, workload: Workload, path: PathName): Promise<unknown[]> {
	return path === 'node'
		? executeNode(endpoint, workload.parameters)
		: plainLoop(endpoint, workload);
}

/** In the child: memory growth from a cold start to holding all items. */
async function childMain([baseUrl, apiKey, path, workloadJson]: string[]): Promise<MemoryGrowth> {
	const workload = JSON.parse(workloadJson) as Workload;
	return await measureGrowth(async () => {
		const items = await runPath({ baseUrl, apiKey }, workload, path as PathName);
		if (items.length !== ITEMS) throw new Error(`expected ${ITEMS} items, got ${items.length}`);
		return items;
	});
}

function growthOf(endpoint: Endpoint, workload: Workload, path: PathName): Promise<MemoryGrowth> {
	return growthInChild(__filename, [
		endpoint.baseUrl,
		endpoint.apiKey,
		path,
		JSON.stringify(workload),
	]);
}

function memoryFigure(label: string, what: string, value: number, baseline: number): BenchResult {
	return {
		name: `node-return-all: ${label}, ${what}`,
		value: Number(value.toFixed(1)),
		unit: 'MB',
		baseline: Number(baseline.toFixed(1)),
		ratio: baseline > 0 ? ratioOf(value, baseline) : null,
		target: `< ${RSS_TARGET_MB} MB`,
		pass: value < RSS_TARGET_MB,
	};
}

async function measure(emulator: EmulatorProcess, workload: Workload): Promise<BenchResult[]> {
	const node = () => runPath(emulator, workload, 'node');
	const plain = () => runPath(emulator, workload, 'plain');
	const nodeMemory = await growthOf(emulator, workload, 'node');
	const plainMemory = await growthOf(emulator, workload, 'plain');
	// Warm both paths (JIT, connection pool, emulator caches) before timing.
	await node();
	await plain();
	const nodeMs: number[] = [];
	const plainMs: number[] = [];
	// Alternate the paths so drift on a shared machine hits both alike; report medians.
	for (let round = 0; round < ROUNDS; round++) {
		nodeMs.push(await timed(node));
		plainMs.push(await timed(plain));
	}
	const ms = median(nodeMs);
	const baselineMs = median(plainMs);
	const timeRatio = ratioOf(ms, baselineMs);
	return [
		{
			name: `node-return-all: ${workload.label}, 100k items, node execute path vs plain undici loop`,
			value: Math.round(ms),
			unit: 'ms',
			baseline: Math.round(baselineMs),
			ratio: timeRatio,
			target: `ratio <= ${TIME_TARGET}`,
			pass: timeRatio <= TIME_TARGET,
		},
		memoryFigure(
			workload.label,
			'RSS growth holding the 100k output items',
			nodeMemory.rss,
			plainMemory.rss,
		),
		memoryFigure(
			workload.label,
			'live heap growth holding the 100k output items',
			nodeMemory.heap,
			plainMemory.heap,
		),
	];
}

export async function run(): Promise<BenchResult[]> {
	const emulator = await startEmulatorProcess({ EMULATOR_SEED: 'empty' });
	try {
		const media = await emulator.control<{ index_id: string }>('POST', '/seed/index', {
			media: ITEMS,
			run: false,
		});
		const results = await emulator.control<{ run_id: string; video_ids: string[] }>(
			'POST',
			'/seed/index',
			{
				media: 1,
				segmentsPerMedia: ITEMS,
				jsonSchema: SMALL_SCHEMA,
				failureRate: 0,
			},
		);
		const byId = (value: string) => ({ __rl: true, mode: 'id', value });
		const workloads: Workload[] = [
			{
				label: 'Media → Get Many (index)',
				parameters: {
					resource: 'media',
					operation: 'getAll',
					mediaIn: 'index',
					indexId: byId(media.index_id),
					returnAll: true,
				},
				path: `/indexes/${media.index_id}/videos`,
				query: {},
			},
			{
				label: 'Prompt Run → List Results',
				parameters: {
					resource: 'promptRun',
					operation: 'getSegmentResults',
					runId: byId(results.run_id),
					videoId: byId(results.video_ids[0]),
					returnAll: true,
				},
				path: `/prompt-runs/${results.run_id}/results`,
				query: { video_id: results.video_ids[0] },
			},
		];
		const figures: BenchResult[] = [];
		for (const workload of workloads) figures.push(...(await measure(emulator, workload)));
		return figures;
	} finally {
		await emulator.stop();
	}
}

runIfMemoryChild(module, childMain);
