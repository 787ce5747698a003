import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrompt, startTestEmulator, type TestEmulator } from './helpers.js';

/** Prompt-run lifecycle on a frozen clock driven with advance()/runAll(). */
describe('prompt runs', () => {
	let t: TestEmulator;
	beforeEach(async () => {
		t = await startTestEmulator();
	});
	afterEach(() => t.close());

	const execute = async (body: Record<string, unknown>) => {
		const res = await t.call('POST', '/prompt-runs/execute', {
			body,
			idempotencyKey: `exec-${JSON.stringify(body)}`,
		});
		expect(res.status, res.text).toBe(202);
		return res.body as { run_id: string; status: string };
	};
	const getRun = async (runId: string) => (await t.call('GET', `/prompt-runs/${runId}`)).body;

	it('moves pending → processing → completed with counters and per-video results', async () => {
		const { index_id, video_ids } = t.emu.control.seed.index({ media: 3, run: false });
		const promptId = await createPrompt(t, {
			video_level: {
				instructions_text: 'Summarise the media.',
				included_segment_fields: ['summary'],
				json_schema: { type: 'object', properties: { synopsis: { type: 'string' } } },
			},
		});
		const run = await execute({
			prompt_id: promptId,
			target: { type: 'index', index_id },
			video_segmentation_type: 'fixed',
			video_segment_duration: 7,
		});
		expect(run.status).toBe('pending');
		t.emu.control.clock.advance(1_000);
		expect((await getRun(run.run_id)).status).toBe('processing');
		t.emu.control.clock.runAll();
		const done = await getRun(run.run_id);
		expect(done.status).toBe('completed');
		expect(done.total_videos).toBe(3);
		expect(done.completed_videos).toBe(3);
		expect(done.completed_segments).toBe(done.total_segments);
		expect(done.video_level_completed_items).toBe(3);

		const video = (await t.call('GET', `/videos/${video_ids[0]}`)).body;
		expect(video.status).toBe('PROCESSED');
		const results = await t.call('GET', `/prompt-runs/${run.run_id}/results`, {
			query: { video_id: video_ids[0] as string, limit: 100 },
		});
		expect(results.status).toBe(200);
		expect(results.body.data.length).toBe(Math.ceil(video.duration_seconds / 7));
		for (const result of results.body.data) {
			expect(result.end_time - result.start_time).toBeLessThanOrEqual(7);
			expect(typeof result.metadata.summary).toBe('string');
			expect(Array.isArray(result.metadata.tags)).toBe(true);
			expect(Number.isInteger(result.metadata.count)).toBe(true);
			expect(result.metadata_text.length).toBeGreaterThan(0);
		}
		expect(
			results.body.data
				.slice(0, -1)
				.every((r: { end_time: number; start_time: number }) => r.end_time - r.start_time === 7),
		).toBe(true);
		const videoResult = await t.call(
			'GET',
			`/prompt-runs/${run.run_id}/videos/${video_ids[0]}/video-result`,
		);
		expect(videoResult.body.result_type).toBe('video');
		expect(typeof videoResult.body.metadata.synopsis).toBe('string');
		const calls = await t.call('GET', `/prompt-runs/${run.run_id}/llm-calls`);
		expect(calls.body.length).toBe(done.total_segments + 3);
	});

	it('produces deterministic failures, a manifest, and repairs a segment through a retry', async () => {
		t.emu.control.config.update({
			simulation: { segmentFailureRate: 0.4, nonRetryableFailureRate: 0 },
		});
		const { index_id } = t.emu.control.seed.index({ media: 2, run: false });
		const promptId = await createPrompt(t);
		const run = await execute({ prompt_id: promptId, target: { type: 'index', index_id } });
		t.emu.control.clock.runAll();
		const done = await getRun(run.run_id);
		expect(done.status).toBe('completed_with_failures');
		const manifest = (await t.call('GET', `/prompt-runs/${run.run_id}/failed-segments`)).body;
		expect(manifest.failed_segments).toBe(done.total_segments - done.completed_segments);
		expect(manifest.failed_segments).toBeGreaterThan(0);
		const video = manifest.videos[0];
		const segment = video.segments[0];
		expect(segment.retryable).toBe(true);

		const retry = await t.call(
			'POST',
			`/prompt-runs/${run.run_id}/videos/${video.video_id}/segments/${segment.segment_id}/retry`,
			{ idempotencyKey: 'retry-1' },
		);
		expect(retry.status).toBe(202);
		expect(retry.body.status).toBe('queued');
		const statusPath = `/prompt-runs/${run.run_id}/videos/${video.video_id}/segments/${segment.segment_id}/retries/${retry.body.retry_id}`;
		t.emu.control.clock.advance(2_000);
		expect((await t.call('GET', statusPath)).body.status).toBe('processing');
		t.emu.control.clock.advance(2_000);
		expect((await t.call('GET', statusPath)).body.status).toBe('completed');
		const after = await getRun(run.run_id);
		expect(after.completed_segments).toBe(done.completed_segments + 1);
		const again = await t.call(
			'POST',
			`/prompt-runs/${run.run_id}/videos/${video.video_id}/segments/${segment.segment_id}/retry`,
		);
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe('conflict_state');
	});

	it('fails a run whose every segment fails and refuses retries while a run is active', async () => {
		const { index_id } = t.emu.control.seed.index({
			media: 1,
			run: false,
			titlePrefix: '[fail] broken',
		});
		const promptId = await createPrompt(t);
		const run = await execute({ prompt_id: promptId, target: { type: 'index', index_id } });
		t.emu.control.clock.advance(1_000);
		const manifestBefore = await t.call('GET', `/prompt-runs/${run.run_id}/results`, {
			query: { video_id: 'vid_unknown' },
		});
		expect(manifestBefore.status).toBe(404);
		t.emu.control.clock.runAll();
		const done = await getRun(run.run_id);
		expect(done.status).toBe('failed');
		expect(done.failed_videos).toBe(1);
		expect(done.error_message).toBeTruthy();
	});

	it('cancels cooperatively: the stop is observed on the next tick, then the run ends cancelled', async () => {
		const { index_id } = t.emu.control.seed.index({ media: 8, run: false });
		t.emu.control.config.update({ simulation: { mediaConcurrency: 2 } });
		const promptId = await createPrompt(t);
		const run = await execute({ prompt_id: promptId, target: { type: 'index', index_id } });
		t.emu.control.clock.advance(1_000 + 2_000);
		const cancel = await t.call('POST', `/prompt-runs/${run.run_id}/cancel`, {
			idempotencyKey: 'cancel-1',
		});
		expect(cancel.status).toBe(200);
		expect(cancel.body.stop_state.requested_at).toBeTruthy();
		expect(cancel.body.stop_state.observed_at).toBeNull();
		expect(cancel.body.status).toBe('processing');
		t.emu.control.clock.advance(2_000);
		const done = await getRun(run.run_id);
		expect(done.status).toBe('cancelled');
		expect(done.stop_state.observed_at).toBeTruthy();
		expect(done.cancelled_videos).toBe(8);
		expect(done.completed_segments).toBe(4);
		const again = await t.call('POST', `/prompt-runs/${run.run_id}/cancel`);
		expect(again.status).toBe(409);
	});

	it('estimates without starting anything and lists runs', async () => {
		const { index_id } = t.emu.control.seed.index({ media: 2, run: false });
		const promptId = await createPrompt(t);
		const estimate = await t.call('POST', '/prompt-runs/estimate', {
			body: { prompt_id: promptId, target: { type: 'index', index_id } },
		});
		expect(estimate.status).toBe(200);
		expect(estimate.body.estimated_mt).toBeGreaterThan(0);
		expect(estimate.body.sufficient_balance).toBe(true);
		expect(t.emu.control.counts().prompt_runs).toBe(0);
		await execute({ prompt_id: promptId, target: { type: 'index', index_id } });
		expect((await t.call('GET', '/prompt-runs')).body).toHaveLength(1);
		expect((await t.call('GET', `/indexes/${index_id}/prompt-runs`)).body.data).toHaveLength(1);
	});
});
