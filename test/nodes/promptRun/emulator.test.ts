/**
 * Prompt runs over real HTTP against the emulator: runs progress on its fast clock while the node
 * waits, retries go through injected faults, and the emulator's request log is the witness.
 */
import { describe, expect, it, vi } from 'vitest';

import { executeOn, useRunEmulator } from './run-emulator';
import { byId } from '../../support/node-fixtures';

const { emulator, run } = useRunEmulator('prompt-run-tests');
const wait = { waitForCompletion: true, waitTimeout: 60, pollInterval: 0.05 };

/** An index with `media` items and a saved prompt (from a finished seeded run). */
function seedIndex(media = 3, segmentsPerMedia = 3, failureRate = 0) {
	return emulator().control.seed.index({ media, segmentsPerMedia, failureRate });
}

describe('Prompt Run over the emulator', () => {
	it('execute with Wait for Completion returns the finished run', async () => {
		const seeded = seedIndex();
		const { output } = await run({ ...executeOn(seeded), ...wait });
		expect(output).toHaveLength(1);
		const final = output[0].json;
		expect(final.status).toBe('completed');
		expect(final.run_id).not.toBe(seeded.run_id);
		expect(final.total_videos).toBe(3);
		expect(final.completed_videos).toBe(3);
		expect(final.video_segment_duration).toBe(10);
		const polls = emulator()
			.control.requests.list({ method: 'GET' })
			.filter((r) => r.path === `/prompt-runs/${String(final.run_id)}`);
		expect(polls.length).toBeGreaterThanOrEqual(1);
	});

	it('a failed run fails the item; with continue on fail the failed run is the output', async () => {
		emulator().control.config.update({ simulation: { segmentFailureRate: 1 } });
		const seeded = seedIndex(2, 2, 0);
		await expect(run({ ...executeOn(seeded), ...wait })).rejects.toThrow(
			/Prompt run run_\w+ ended with status "failed"/,
		);

		const { output } = await run({ ...executeOn(seeded), ...wait }, { continueOnFail: true });
		expect(output[0].json).toMatchObject({ status: 'failed', failed_videos: 2 });
		expect(String(output[0].json.error)).toMatch(/ended with status "failed"/);
	});

	it('estimate validates the same request without starting a run', async () => {
		const seeded = seedIndex(4, 2);
		const before = emulator().control.counts().prompt_runs;
		const { output } = await run({ ...executeOn(seeded), operation: 'estimate' });
		expect(output[0].json).toMatchObject({
			sufficient_balance: true,
			breakdown: { media_count: 4 },
		});
		expect(output[0].json.estimated_mt).toBeGreaterThan(0);
		expect(emulator().control.counts().prompt_runs).toBe(before);
	});

	it('list results returns every segment result of a media item over many cursor pages', async () => {
		const seeded = emulator().control.seed.index({
			media: 1,
			segmentsPerMedia: 250,
			failureRate: 0,
		});
		const params = {
			operation: 'getSegmentResults',
			runId: byId(seeded.run_id as string),
			videoId: byId(seeded.video_ids[0]),
		};
		const all = await run({ ...params, returnAll: true });
		expect(all.output).toHaveLength(250);
		expect(new Set(all.output.map((i) => i.json.segment_id)).size).toBe(250);
		const pages = emulator().control.requests.list({
			path: `/prompt-runs/${seeded.run_id}/results`,
		});
		expect(pages).toHaveLength(3);
		expect(pages.every((p) => p.query.video_id === seeded.video_ids[0])).toBe(true);

		emulator().control.requests.clear();
		const limited = await run({ ...params, returnAll: false, limit: 120 });
		expect(limited.output.map((i) => i.json.segment_id)).toEqual(
			all.output.slice(0, 120).map((i) => i.json.segment_id),
		);
		expect(
			emulator().control.requests.list({ path: `/prompt-runs/${seeded.run_id}/results` }),
		).toHaveLength(2);
	});

	it('retries an execute hit by 503 and 429 with the same Idempotency-Key and creates one run', async () => {
		const seeded = seedIndex(2, 1);
		emulator().control.requests.clear();
		emulator().control.faults.add({
			kind: 'server_error',
			method: 'POST',
			path: '/prompt-runs/execute',
			next: 1,
			status: 503,
			retryAfterSeconds: 0,
		});
		emulator().control.faults.add({
			kind: 'rate_limit',
			method: 'POST',
			path: '/prompt-runs/execute',
			next: 1,
			retryAfterSeconds: 0,
		});
		const before = emulator().control.counts().prompt_runs;
		const { output } = await run(executeOn(seeded), { executionId: 'exec-retry' });

		const attempts = emulator().control.requests.list({
			method: 'POST',
			path: '/prompt-runs/execute',
		});
		expect(attempts.map((a) => a.status)).toEqual([503, 429, 202]);
		const keys = new Set(attempts.map((a) => a.headers['idempotency-key']));
		expect(keys.size).toBe(1);
		expect(emulator().control.counts().prompt_runs).toBe(before + 1);

		// n8n's Retry On Fail re-runs the item with the same execution: the key replays the first run.
		const again = await run(executeOn(seeded), { executionId: 'exec-retry' });
		expect(again.output[0].json.run_id).toBe(output[0].json.run_id);
		expect(emulator().control.counts().prompt_runs).toBe(before + 1);
	});

	it('cancel with wait returns the run once it has stopped', async () => {
		// Frozen clock: the run is still pending when the cancel arrives, so the outcome is certain.
		emulator().control.clock.setScale(0);
		const seeded = seedIndex(6, 5);
		const started = await run(executeOn(seeded));
		const runId = String(started.output[0].json.run_id);
		const cancelling = run({ operation: 'cancel', runId: byId(runId), ...wait });
		await vi.waitFor(
			() =>
				expect(
					emulator().control.requests.list({ method: 'GET', path: `/prompt-runs/${runId}` }),
				).not.toHaveLength(0),
			{
				interval: 5,
				timeout: 5000,
			},
		);
		expect(
			emulator().control.requests.list({ method: 'POST', path: `/prompt-runs/${runId}/cancel` })[0]
				.status,
		).toBe(200);
		emulator().control.clock.setScale(2000);
		const { output } = await cancelling;
		expect(output[0].json.status).toBe('cancelled');
		expect(output[0].json.stop_state).toMatchObject({ mode: 'cooperative' });
		expect(output[0].json.completed_videos).toBe(0);
	});

	it('retry segment waits for the retry to finish; failed segments list what to retry', async () => {
		const seeded = seedIndex(1, 4, 0.5);
		const manifest = await run({
			operation: 'getFailedSegments',
			runId: byId(seeded.run_id as string),
		});
		const videos = manifest.output[0].json.videos as Array<{
			video_id: string;
			segments: Array<{ segment_id: string; retryable: boolean }>;
		}>;
		const target = videos
			.flatMap((v) => v.segments.map((s) => ({ ...s, video_id: v.video_id })))
			.find((s) => s.retryable);
		expect(target).toBeDefined();
		const { output } = await run({
			operation: 'retrySegment',
			runId: byId(seeded.run_id as string),
			videoId: byId(target!.video_id),
			segmentId: target!.segment_id,
			...wait,
		});
		expect(output[0].json).toMatchObject({ status: 'completed', segment_id: target!.segment_id });
	});

	it('process media from an instruction waits and then lists the run results', async () => {
		const seeded = emulator().control.seed.index({ media: 2, segmentsPerMedia: 2, run: false });
		const processed = await run({
			operation: 'processMedia',
			promptSource: 'instruction',
			promptInstruction: 'Describe the location and the mood of each scene',
			scope: 'index',
			indexId: byId(seeded.index_id as string),
			options: { videoSegmentation: 'fixed', videoSegmentDuration: 10 },
			...wait,
		});
		const result = processed.output[0].json as {
			run_id: string;
			run: { status: string };
			prompt_created_inline: boolean;
		};
		expect(result.prompt_created_inline).toBe(true);
		expect(result.run.status).toBe('completed');

		const listed = await run({
			operation: 'getRunResults',
			runId: byId(result.run_id),
			view: 'both',
			resultLevel: 'segment',
			videoId: byId(''),
			returnAll: true,
		});
		expect(listed.output.length).toBeGreaterThan(0);
		expect(listed.output.every((i) => i.json.result_view === 'unfiltered')).toBe(true);
	});
});
