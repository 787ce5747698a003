import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { invalid, notFound } from '../core/errors.js';
import { pageArray } from '../core/pagination.js';
import { accepted, ok } from '../core/reply.js';
import { route } from '../core/route.js';
import type { JsonObject, RunMediaRec, RunRec } from '../core/types.js';
import { boundsFor } from '../sim/segmentation.js';
import {
	failedSegmentsManifest,
	renderRun,
	renderSegmentResult,
	renderVideoResult,
	segmentMetadata,
} from '../sim/run-views.js';
import { renderRetry } from '../sim/segment-retries.js';
import { findRun } from './lookups.js';
import { estimate, parseExecuteRequest } from './run-request.js';

/** Prompt runs (docs/api/conventions.md#prompt-runs). */

function runMedia(run: RunRec, videoId: string): RunMediaRec {
	const media = run.media.get(videoId);
	if (!media) throw notFound('video', videoId);
	return media;
}

function llmCalls(emu: Emulator, run: RunRec): JsonObject[] {
	const calls: JsonObject[] = [];
	for (const videoId of run.media_order) {
		const media = run.media.get(videoId) as RunMediaRec;
		for (const segment of media.segments) {
			if (segment.status !== 'completed' && segment.status !== 'failed') continue;
			const ok = segment.status === 'completed';
			const input = 600 + Math.round((segment.end_time - segment.start_time) * 250);
			const output = ok ? segmentMetadata(emu, run, segment).metadata_text.length : 0;
			calls.push({
				llm_call_id: `llm_${segment.segment_id.slice(4)}${calls.length.toString(16)}`,
				prompt_run_id: run.run_id,
				prompt_id: run.prompt_id,
				video_id: videoId,
				segment_id: segment.segment_id,
				user_id: emu.userId,
				model: run.settings.processing_model,
				purpose: 'segment_extraction',
				status: ok ? 'completed' : 'failed',
				input_tokens: input,
				output_tokens: output,
				total_tokens: input + output,
				video_seconds: Math.round((segment.end_time - segment.start_time) * 100) / 100,
				segment_start_time: segment.start_time,
				segment_end_time: segment.end_time,
				prompt_text: null,
				response_text: ok ? JSON.stringify(segmentMetadata(emu, run, segment).metadata) : null,
				schema_used: run.json_schema,
				invoked_at: segment.started_at,
				completed_at: segment.completed_at,
				created_at: segment.started_at,
				duration_ms: Math.round(emu.config.simulation.segmentMs * 0.8),
				error_message: segment.failure?.failure_message ?? null,
			});
		}
		if (media.video_result) {
			calls.push({
				llm_call_id: `llm_${media.video_result.result_id.slice(4)}`,
				prompt_run_id: run.run_id,
				prompt_id: run.prompt_id,
				video_id: videoId,
				segment_id: null,
				user_id: emu.userId,
				model: run.settings.processing_model,
				purpose: 'video_level_synthesis',
				status: media.video_result.status,
				input_tokens: 1200,
				output_tokens: 300,
				total_tokens: 1500,
				video_seconds: null,
				segment_start_time: null,
				segment_end_time: null,
				prompt_text: run.video_level?.instructions_text ?? null,
				response_text: null,
				schema_used: run.video_level?.json_schema ?? null,
				invoked_at: media.video_result.started_at,
				completed_at: media.video_result.completed_at,
				created_at: media.video_result.started_at,
				duration_ms: 900,
				error_message: media.video_result.error_message,
			});
		}
	}
	return calls;
}

export function registerPromptRunRoutes(router: Router, emu: Emulator): void {
	route(
		router,
		emu,
		{ method: 'POST', path: '/prompt-runs/execute', scope: 'write' },
		({ body }) => {
			const run = emu.sims.runs.create(parseExecuteRequest(emu, body));
			return accepted(renderRun(emu, run));
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/prompt-runs/estimate', scope: 'read', idempotency: false },
		({ body }) => {
			const request = parseExecuteRequest(emu, body);
			let segments = 0;
			let seconds = 0;
			for (const video of request.videos) {
				segments += boundsFor(emu.seed, video, request.settings).length;
				if (video.media_type === 'video') seconds += video.duration_seconds;
			}
			return ok(estimate(segments, seconds, request.videos.length));
		},
	);

	route(router, emu, { method: 'GET', path: '/prompt-runs', scope: 'read' }, ({ query }) => {
		const limit = query.int('limit', 1, 200, 200);
		const runs: JsonObject[] = [];
		const page = emu.store.runs.order.page(null, limit, true);
		for (const id of page.ids) runs.push(renderRun(emu, emu.store.runs.get(id) as RunRec));
		return ok(runs);
	});

	route(router, emu, { method: 'GET', path: '/prompt-runs/:run_id', scope: 'read' }, ({ params }) =>
		ok(renderRun(emu, findRun(emu, params.run_id as string))),
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/prompt-runs/:run_id/cancel', scope: 'write', body: 'none' },
		({ params }) => {
			const run = emu.sims.runs.cancel(findRun(emu, params.run_id as string));
			return ok(renderRun(emu, run));
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/prompt-runs/:run_id/results', scope: 'read' },
		({ params, query }) => {
			const run = findRun(emu, params.run_id as string);
			const videoId = query.optStr('video_id');
			if (!videoId) throw invalid('video_id', 'is required (results are listed per media item)');
			const limit = query.int('limit', 1, 100, 50);
			const media = runMedia(run, videoId);
			return ok(
				pageArray(
					media.segments,
					`results:${run.run_id}:${videoId}`,
					query.optStr('cursor'),
					limit,
					(segment) => renderSegmentResult(emu, run, segment),
					(segment) => segment.status === 'completed',
				),
			);
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/prompt-runs/:run_id/videos/:video_id/video-result', scope: 'read' },
		({ params }) => {
			const run = findRun(emu, params.run_id as string);
			const media = runMedia(run, params.video_id as string);
			const view = run.video_level ? renderVideoResult(emu, run, media) : null;
			if (!view) throw notFound('video_result', `${run.run_id}/${media.video_id}`);
			return ok(view);
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/prompt-runs/:run_id/failed-segments', scope: 'read' },
		({ params }) => ok(failedSegmentsManifest(findRun(emu, params.run_id as string))),
	);

	route(
		router,
		emu,
		{
			method: 'POST',
			path: '/prompt-runs/:run_id/videos/:video_id/segments/:segment_id/retry',
			scope: 'write',
			body: 'none',
		},
		({ params, idempotencyKey }) => {
			const run = findRun(emu, params.run_id as string);
			const retry = emu.sims.retries.request(
				run,
				params.video_id as string,
				params.segment_id as string,
				idempotencyKey,
			);
			return accepted(renderRetry(retry, true));
		},
	);

	route(
		router,
		emu,
		{
			method: 'GET',
			path: '/prompt-runs/:run_id/videos/:video_id/segments/:segment_id/retries/:retry_id',
			scope: 'read',
		},
		({ params }) => {
			const run = findRun(emu, params.run_id as string);
			const retry = emu.store.retries.get(params.retry_id as string);
			if (
				!retry ||
				retry.run_id !== run.run_id ||
				retry.video_id !== params.video_id ||
				retry.segment_id !== params.segment_id
			) {
				throw notFound('segment_retry', params.retry_id as string);
			}
			return ok(renderRetry(retry, false));
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/prompt-runs/:run_id/llm-calls', scope: 'read' },
		({ params }) => ok(llmCalls(emu, findRun(emu, params.run_id as string))),
	);
}
