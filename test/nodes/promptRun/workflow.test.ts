import { describe, expect, it } from 'vitest';

import { runNode, type RecordedRequest } from '../../support/run-node';
import { byId, route } from '../../support/node-fixtures';

const processBase = {
	resource: 'promptRun',
	operation: 'processMedia',
	options: {},
};
const started = {
	run_id: 'run_7',
	run: { run_id: 'run_7', status: 'pending' },
	prompt: { prompt_id: 'p1', name: 'x' },
	prompt_created_inline: false,
};

describe('Prompt Run: process media (workflow surface)', () => {
	it.each([
		[
			'a saved prompt over an index',
			{ promptSource: 'saved', promptId: byId('p1'), scope: 'index', indexId: byId('idx_1') },
			{ prompt_id: 'p1', index_id: 'idx_1' },
		],
		[
			'an instruction over media items in an index',
			{
				promptSource: 'instruction',
				promptInstruction: 'Find dogs',
				scope: 'videos',
				videoIds: 'v1 v2',
				indexId: byId('idx_2'),
			},
			{ prompt_instruction: 'Find dogs', video_ids: ['v1', 'v2'], index_id: 'idx_2' },
		],
		[
			'a saved prompt over an index by name',
			{ promptSource: 'saved', promptId: byId('p1'), scope: 'indexName', indexName: 'Clips' },
			{ prompt_id: 'p1', index_name: 'Clips' },
		],
	])('starts %s', async (_case, params, expected) => {
		const { requests, output } = await runNode({
			parameters: { ...processBase, ...params },
			respond: () => ({ statusCode: 202, body: started }),
		});
		expect(requests[0].method).toBe('POST');
		expect(route(requests[0].url)).toBe('/workflow/process');
		expect(requests[0].body).toEqual(expected);
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-/);
		expect(output[0].json).toEqual(started);
	});

	it('sends segmentation overrides with their durations', async () => {
		const { requests } = await runNode({
			parameters: {
				...processBase,
				promptSource: 'saved',
				promptId: byId('p1'),
				scope: 'index',
				indexId: byId('i'),
				options: {
					audioSegmentation: 'fixed',
					audioSegmentDuration: '30',
					enableTranscription: true,
				},
			},
			respond: () => ({ body: started }),
		});
		expect(requests[0].body).toEqual({
			prompt_id: 'p1',
			index_id: 'i',
			audio_segmentation_type: 'fixed',
			audio_segment_duration: 30,
			enable_transcription: true,
		});
	});

	it('refuses an empty instruction before any request', async () => {
		const requests: RecordedRequest[] = [];
		const run = runNode({
			parameters: {
				...processBase,
				promptSource: 'instruction',
				promptInstruction: '',
				scope: 'index',
				indexId: byId('i'),
			},
			respond: (r) => void requests.push(r),
		});
		await expect(run).rejects.toThrow(/Instruction is required/);
		expect(requests).toHaveLength(0);
	});

	it('waits for the run and returns the start answer with the final run; a failed run fails or is returned', async () => {
		const params = {
			...processBase,
			promptSource: 'saved',
			promptId: byId('p1'),
			scope: 'index',
			indexId: byId('i'),
			waitForCompletion: true,
			waitTimeout: 10,
			pollInterval: 0.01,
		};
		const script = (final: string) => (r: RecordedRequest) =>
			r.method === 'POST'
				? { statusCode: 202, body: started }
				: {
						body: {
							run_id: 'run_7',
							status: final,
							error_message: final === 'failed' ? 'no media' : null,
						},
					};
		const done = await runNode({ parameters: params, respond: script('completed') });
		expect(done.requests.map((r) => `${r.method} ${route(r.url)}`)).toEqual([
			'POST /workflow/process',
			'GET /prompt-runs/run_7',
		]);
		expect(done.output[0].json).toEqual({
			...started,
			run: { run_id: 'run_7', status: 'completed', error_message: null },
		});

		await expect(runNode({ parameters: params, respond: script('failed') })).rejects.toThrow(
			'Prompt run run_7 ended with status "failed": no media',
		);
		const kept = await runNode({
			parameters: params,
			continueOnFail: true,
			respond: script('failed'),
		});
		expect(kept.output[0].json).toEqual({
			...started,
			run: { run_id: 'run_7', status: 'failed', error_message: 'no media' },
			error: 'Prompt run run_7 ended with status "failed": no media',
		});
	});
});

/** Two independent streams: filtered has 3 results in pages of 2, unfiltered 5 in pages of 2. */
function twoStreams(filteredTotal = 3, unfilteredTotal = 5) {
	const page = (stream: string, total: number, cursor: string | null) => {
		const start = cursor ? Number(cursor.split(':')[1]) : 0;
		const data = Array.from({ length: Math.min(2, total - start) }, (_, i) => ({
			result_id: `${stream}-${start + i}`,
		}));
		const next = start + 2 < total ? `${stream}:${start + 2}` : null;
		return { data, pagination: { has_more: next !== null, next_cursor: next } };
	};
	return (r: RecordedRequest) => {
		const q = new URL(r.url).searchParams;
		const view = q.get('view');
		return {
			body: {
				run_id: 'run_1',
				status: 'completed',
				filtered: view === 'unfiltered' ? null : page('f', filteredTotal, q.get('filtered_cursor')),
				unfiltered:
					view === 'filtered' ? null : page('u', unfilteredTotal, q.get('unfiltered_cursor')),
			},
		};
	};
}

describe('Prompt Run: list run results (two cursor streams)', () => {
	const params = {
		resource: 'promptRun',
		operation: 'getRunResults',
		runId: byId('run_1'),
		resultLevel: 'segment',
		videoId: byId(''),
	};

	it('pages both streams on their own cursors and stops asking for a stream once it has ended', async () => {
		const { requests, output } = await runNode({
			parameters: { ...params, view: 'both', returnAll: true },
			respond: twoStreams(),
		});
		expect(requests.map((r) => route(r.url))).toEqual([
			'/workflow/runs/run_1/results?result_level=segment&view=both&limit=50',
			'/workflow/runs/run_1/results?result_level=segment&view=both&limit=50&filtered_cursor=f%3A2&unfiltered_cursor=u%3A2',
			'/workflow/runs/run_1/results?result_level=segment&view=unfiltered&limit=50&unfiltered_cursor=u%3A4',
		]);
		expect(output.map((i) => `${i.json.result_view}/${i.json.result_id}`)).toEqual([
			'filtered/f-0',
			'filtered/f-1',
			'unfiltered/u-0',
			'unfiltered/u-1',
			'filtered/f-2',
			'unfiltered/u-2',
			'unfiltered/u-3',
			'unfiltered/u-4',
		]);
	});

	it('applies Limit per stream and passes the media filter and page size', async () => {
		const { requests, output } = await runNode({
			parameters: {
				...params,
				view: 'unfiltered',
				videoId: byId('vid_1'),
				resultLevel: 'video',
				returnAll: false,
				limit: 3,
			},
			respond: twoStreams(),
		});
		expect(route(requests[0].url)).toBe(
			'/workflow/runs/run_1/results?result_level=video&view=unfiltered&limit=3&video_id=vid_1',
		);
		expect(output.map((i) => i.json.result_id)).toEqual(['u-0', 'u-1', 'u-2']);
		expect(requests).toHaveLength(2);
	});

	it('explains when nothing requested is available yet', async () => {
		const run = runNode({
			parameters: { ...params, view: 'unfiltered', returnAll: true },
			respond: () => ({
				body: {
					run_id: 'run_1',
					status: 'processing',
					selection_summary: { status: 'pending' },
					filtered: null,
					unfiltered: null,
				},
			}),
		});
		await expect(run).rejects.toThrow(
			'No unfiltered results are available for run run_1 (run status: processing, selection status: pending)',
		);
	});

	it('refuses a stream that repeats its cursor instead of looping', async () => {
		const run = runNode({
			parameters: { ...params, view: 'filtered', returnAll: true },
			respond: () => ({
				body: {
					status: 'completed',
					filtered: {
						data: [{ result_id: 'x' }],
						pagination: { has_more: true, next_cursor: 'same' },
					},
					unfiltered: null,
				},
			}),
		});
		await expect(run).rejects.toThrow(/returned a cursor twice/);
	});
});
