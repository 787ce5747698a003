/**
 * Prompt Run → Run and Get Results with 100,000 results: start a run (idempotent execute), wait for
 * it, and stream its result pages (cursor paging, 50 a page) into the output — against the baseline
 * of the existing Get Run Results with Return All reading 100,000 results of a finished run of the
 * same shape, measured in the same run.
 *
 * A node hands n8n all its output items at once, so both paths keep the 100,000 items; what the
 * target is about is that reading them page by page (plus the execute and the polls) adds nothing
 * beyond them: no pages kept, no second copy. Each path runs in a fresh child process (the emulator
 * in a process of its own), reporting RSS growth after GC, live heap growth, and the peak RSS growth
 * while it ran. Target: each figure at most 1.2 times the baseline's.
 */
import { performance } from 'node:perf_hooks';

import { growthInChild, measureGrowth, runIfMemoryChild, type MemoryGrowth } from './child-memory';
import { startEmulatorProcess } from './emulator-process';
import { executeNode, type Endpoint } from './node-execute';
import { ratioOf, type BenchResult } from './result';

const MEDIA = 1_000;
const SEGMENTS_PER_MEDIA = 100;
const RESULTS = MEDIA * SEGMENTS_PER_MEDIA;
const RATIO_TARGET = 1.2;

/** A small extraction schema keeps generated metadata from dominating the size of each result. */
const SMALL_SCHEMA = {
	type: 'object',
	properties: { mood: { type: 'string' }, people_count: { type: 'integer' } },
};

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

interface Seeded {
	index_id: string;
	prompt_id: string;
	run_id: string;
}

type PathName = 'runAndGetResults' | 'getRunResults';

function parametersFor(path: PathName, seeded: Seeded): Record<string, unknown> {
	if (path === 'getRunResults') {
		return {
			resource: 'promptRun',
			operation: 'getRunResults',
			runId: byId(seeded.run_id),
			view: 'unfiltered',
			resultLevel: 'segment',
			returnAll: true,
		};
	}
	// The seeded run used fixed 10 s segments: the new run cuts the same 100 segments per media.
	return {
		resource: 'promptRun',
		operation: 'runAndGetResults',
		promptId: byId(seeded.prompt_id),
		target: 'index',
		indexId: byId(seeded.index_id),
		resultLevel: 'segment',
		waitTimeout: 600,
		pollInterval: 0.05,
		options: { videoSegmentation: 'fixed', videoSegmentDuration: 10 },
	};
}

/** In the child: one path, measured; the output must hold every result. */
async function childMain([baseUrl, apiKey, path, seededJson]: string[]): Promise<MemoryGrowth> {
	const endpoint: Endpoint = { baseUrl, apiKey };
	const parameters = parametersFor(path as PathName, JSON.parse(seededJson) as Seeded);
	return await measureGrowth(async () => {
		const items = await executeNode(endpoint, parameters);
		if (items.length !== RESULTS) throw new Error(`${path}: ${items.length} items, not ${RESULTS}`);
		return items;
	});
}

function figure(what: string, unit: string, value: number, baseline: number): BenchResult {
	const ratio = ratioOf(value, baseline);
	return {
		name: `prompt-run-results: ${what}, Run and Get Results vs Get Run Results (Return All), 100k results`,
		value: Number(value.toFixed(1)),
		unit,
		baseline: Number(baseline.toFixed(1)),
		ratio,
		target: `ratio <= ${RATIO_TARGET}`,
		pass: ratio <= RATIO_TARGET,
	};
}

export async function run(): Promise<BenchResult[]> {
	// A run of 1,000 media × 100 segments finishes in about a hundred steps of the fast clock.
	const emulator = await startEmulatorProcess({
		EMULATOR_SEED: 'empty',
		EMULATOR_CLOCK_SCALE: '1000000',
	});
	try {
		await emulator.control('PATCH', '/config', {
			simulation: {
				runStartDelayMs: 1,
				segmentMs: 1,
				mediaConcurrency: MEDIA,
				segmentFailureRate: 0,
			},
		});
		const seeded = await emulator.control<Seeded>('POST', '/seed/index', {
			media: MEDIA,
			segmentsPerMedia: SEGMENTS_PER_MEDIA,
			jsonSchema: SMALL_SCHEMA,
			failureRate: 0,
		});
		const measure = async (path: PathName) => {
			const start = performance.now();
			const growth = await growthInChild(__filename, [
				emulator.baseUrl,
				emulator.apiKey,
				path,
				JSON.stringify(seeded),
			]);
			return { ...growth, ms: performance.now() - start };
		};
		const baseline = await measure('getRunResults');
		const node = await measure('runAndGetResults');
		console.log(
			`  (wall time incl. child start: Run and Get Results ${Math.round(node.ms)} ms, Get Run Results ${Math.round(baseline.ms)} ms)`,
		);
		return [
			figure('RSS growth holding the output', 'MB', node.rss, baseline.rss),
			figure('peak RSS growth while running', 'MB', node.peakRss, baseline.peakRss),
			figure('live heap growth holding the output', 'MB', node.heap, baseline.heap),
		];
	} finally {
		await emulator.stop();
	}
}

runIfMemoryChild(module, childMain);
