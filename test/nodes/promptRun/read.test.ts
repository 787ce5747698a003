import { describe, expect, it } from 'vitest';

import { runNode, type RecordedRequest } from '../../support/run-node';
import { byId, route } from '../../support/node-fixtures';

const op = (operation: string, extra: object = {}) => ({
	resource: 'promptRun',
	operation,
	...extra,
});

describe('Prompt Run: single-object reads', () => {
	it.each([
		['get', { runId: byId('run 1') }, '/prompt-runs/run%201'],
		['getFailedSegments', { runId: byId('run_1') }, '/prompt-runs/run_1/failed-segments'],
		[
			'getMediaResult',
			{ runId: byId('run_1'), videoId: byId('vid_1') },
			'/prompt-runs/run_1/videos/vid_1/video-result',
		],
		[
			'getSegmentRetry',
			{ runId: byId('run_1'), videoId: byId('vid_1'), segmentId: 'seg_2', retryId: 'rt_3' },
			'/prompt-runs/run_1/videos/vid_1/segments/seg_2/retries/rt_3',
		],
	])('%s sends GET %s… and returns the object as one item', async (operation, params, path) => {
		const body = { marker: operation };
		const { requests, output } = await runNode({
			parameters: op(operation, params),
			respond: () => ({ body }),
		});
		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('GET');
		expect(route(requests[0].url)).toBe(path);
		expect(output).toEqual([{ json: body, pairedItem: { item: 0 } }]);
	});

	it('get segment retry refuses a blank retry id before any request', async () => {
		const requests: RecordedRequest[] = [];
		const run = runNode({
			parameters: op('getSegmentRetry', {
				runId: byId('r'),
				videoId: byId('v'),
				segmentId: 's',
				retryId: ' ',
			}),
			respond: (r) => void requests.push(r),
		});
		await expect(run).rejects.toThrow(/Retry ID is required/);
		expect(requests).toHaveLength(0);
	});
});

describe('Prompt Run: lists', () => {
	it('list asks the API for no more runs than the limit, and for 200 with Return All', async () => {
		const runs = Array.from({ length: 5 }, (_, i) => ({ run_id: `r${i}` }));
		const limited = await runNode({
			parameters: op('getAll', { returnAll: false, limit: 3 }),
			respond: () => ({ body: runs.slice(0, 3) }),
		});
		expect(route(limited.requests[0].url)).toBe('/prompt-runs?limit=3');
		expect(limited.output.map((i) => i.json.run_id)).toEqual(['r0', 'r1', 'r2']);

		const all = await runNode({
			parameters: op('getAll', { returnAll: true }),
			respond: () => ({ body: runs }),
		});
		expect(route(all.requests[0].url)).toBe('/prompt-runs?limit=200');
		expect(all.output).toHaveLength(5);
	});

	it('list LLM calls returns one item per call', async () => {
		const { requests, output } = await runNode({
			parameters: op('getLlmCalls', { runId: byId('run_1'), returnAll: true }),
			respond: () => ({ body: [{ llm_call_id: 'c1' }, { llm_call_id: 'c2' }] }),
		});
		expect(route(requests[0].url)).toBe('/prompt-runs/run_1/llm-calls');
		expect(output.map((i) => i.json.llm_call_id)).toEqual(['c1', 'c2']);
	});

	it('list results pages by cursor with video_id on every page and stops at the limit', async () => {
		const pages: Record<string, object> = {
			first: {
				data: [{ segment_id: 's1' }, { segment_id: 's2' }],
				pagination: { has_more: true, next_cursor: 'c2' },
			},
			c2: {
				data: [{ segment_id: 's3' }, { segment_id: 's4' }],
				pagination: { has_more: true, next_cursor: 'c3' },
			},
			c3: { data: [{ segment_id: 's5' }], pagination: { has_more: false, next_cursor: null } },
		};
		const respond = (r: RecordedRequest) => ({
			body: pages[new URL(r.url).searchParams.get('cursor') ?? 'first'],
		});
		const params = { runId: byId('run_1'), videoId: byId('vid_1') };
		const all = await runNode({
			parameters: op('getSegmentResults', { ...params, returnAll: true }),
			respond,
		});
		expect(all.requests.map((r) => route(r.url))).toEqual([
			'/prompt-runs/run_1/results?video_id=vid_1&limit=100',
			'/prompt-runs/run_1/results?video_id=vid_1&limit=100&cursor=c2',
			'/prompt-runs/run_1/results?video_id=vid_1&limit=100&cursor=c3',
		]);
		expect(all.output.map((i) => i.json.segment_id)).toEqual(['s1', 's2', 's3', 's4', 's5']);

		const limited = await runNode({
			parameters: op('getSegmentResults', { ...params, returnAll: false, limit: 3 }),
			respond,
		});
		expect(limited.output.map((i) => i.json.segment_id)).toEqual(['s1', 's2', 's3']);
		expect(limited.requests).toHaveLength(2);
	});

	it('list results refuses a missing media item (the API requires video_id)', async () => {
		const requests: RecordedRequest[] = [];
		const run = runNode({
			parameters: op('getSegmentResults', {
				runId: byId('run_1'),
				videoId: byId(''),
				returnAll: true,
			}),
			respond: (r) => void requests.push(r),
		});
		await expect(run).rejects.toThrow(/Media is required/);
		expect(requests).toHaveLength(0);
	});
});
