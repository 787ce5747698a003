/** How segments, media and runs turn out: the deterministic failure verdict and the counters and statuses derived from it. */
import type { Emulator } from '../core/context.js';
import { stableFraction } from '../core/rng.js';
import type {
	FailedOperation,
	RunCounters,
	RunMediaRec,
	RunRec,
	RunStatus,
	SegmentFailure,
	SegmentRec,
} from '../core/types.js';
import { emptyCounters, PLURAL } from './run-plan.js';
import { TERMINAL_RUN_STATUSES } from './run-views.js';

const FAILURE_TEXT: Record<FailedOperation, { stage: string; message: string; code: string }> = {
	field_extraction: {
		stage: 'field_extraction',
		message: 'Model response did not match the prompt schema',
		code: 'schema_mismatch',
	},
	transcription: {
		stage: 'transcription',
		message: 'Transcription service returned no speech segments',
		code: 'transcription_empty',
	},
	image_embedding: {
		stage: 'image_embedding',
		message: 'Embedding request timed out',
		code: 'embedding_timeout',
	},
	processing: {
		stage: 'media_processing',
		message: 'Could not decode this segment of the media',
		code: 'decode_error',
	},
};

/** Deterministic: hash(seed, run, segment) below the configured rate, or media titled `[fail]`. */
export function decideFailure(
	emu: Emulator,
	run: RunRec,
	segment: SegmentRec,
	salt = '',
): SegmentFailure | null {
	const video = emu.store.videos.get(segment.video_id);
	const forced = video?.title.includes('[fail]') ?? false;
	const rate = salt
		? emu.config.simulation.retryFailureRate
		: emu.config.simulation.segmentFailureRate;
	if (!forced && stableFraction(emu.seed, run.run_id, segment.segment_id, 'fail', salt) >= rate)
		return null;
	const candidates: FailedOperation[] = ['field_extraction', 'processing'];
	if (run.settings.enable_transcription && video?.media_type !== 'image')
		candidates.push('transcription');
	if (run.settings.enable_image_embedding && video?.media_type !== 'audio')
		candidates.push('image_embedding');
	const op = candidates[
		Math.floor(stableFraction(emu.seed, segment.segment_id, 'op', salt) * candidates.length)
	] as FailedOperation;
	const text = FAILURE_TEXT[op];
	return {
		failed_operations: [op],
		failure_stage: text.stage,
		failure_message: text.message,
		failure_code: text.code,
		retryable:
			stableFraction(emu.seed, segment.segment_id, 'retryable') >=
			emu.config.simulation.nonRetryableFailureRate,
	};
}

export function finalStatus(run: RunRec): RunStatus {
	const { completed_segments: done = 0, total_segments: total = 0 } = run.counters;
	if (total > 0 && done === 0) return 'failed';
	return done < total ? 'completed_with_failures' : 'completed';
}

export function mediaOutcome(media: RunMediaRec): 'completed' | 'partial' | 'failed' {
	const ok = media.segments.filter((s) => s.status === 'completed').length;
	if (ok === media.segments.length) return 'completed';
	return ok === 0 ? 'failed' : 'partial';
}

export function countFailure(counters: RunCounters, failure: SegmentFailure | null): void {
	if (!failure) return;
	for (const op of failure.failed_operations) {
		if (op === 'field_extraction' || op === 'processing') counters.field_extraction_failures!++;
		if (op === 'transcription') counters.transcription_failures!++;
		if (op === 'image_embedding') counters.image_embedding_failures!++;
	}
}

export function countVideoLevel(counters: RunCounters, media: RunMediaRec): void {
	const result = media.video_result;
	if (!result) return;
	if (result.status === 'failed') counters.video_level_failed_items!++;
	else if (result.failed_segment_count > 0) counters.video_level_partial_items!++;
	else counters.video_level_completed_items!++;
}

export function updateVideoStatus(emu: Emulator, media: RunMediaRec): void {
	const video = emu.store.videos.get(media.video_id);
	if (!video) return;
	const hasResults = video.run_ids.some((id) => {
		const run = emu.store.runs.get(id);
		return run?.media.get(video.video_id)?.segments.some((s) => s.status === 'completed') ?? false;
	});
	video.status = hasResults ? 'PROCESSED' : media.status === 'failed' ? 'FAILED' : 'NOT_PROCESSED';
	video.updated_at = emu.nowIso();
}

/** Re-derives counters, media and run status from segment states (after a segment retry). */
export function reconcileRun(emu: Emulator, run: RunRec): void {
	const counters = emptyCounters();
	for (const videoId of run.media_order) {
		const media = run.media.get(videoId) as RunMediaRec;
		const plural = PLURAL[media.media_type];
		counters[`total_${plural}`]!++;
		counters.total_segments! += media.segments.length;
		const done = media.segments.filter((s) => s.status === 'completed').length;
		counters.completed_segments! += done;
		for (const s of media.segments) countFailure(counters, s.failure);
		if (
			media.status !== 'cancelled' &&
			media.status !== 'pending' &&
			media.status !== 'processing'
		) {
			media.status = mediaOutcome(media);
		}
		const key = {
			completed: 'completed',
			partial: 'partial',
			failed: 'failed',
			cancelled: 'cancelled',
		}[media.status as string];
		if (key) counters[`${key}_${plural}`]!++;
		if (run.video_level) countVideoLevel(counters, media);
		updateVideoStatus(emu, media);
	}
	run.counters = counters;
	if (run.status !== 'cancelled' && TERMINAL_RUN_STATUSES.has(run.status))
		run.status = finalStatus(run);
	run.updated_at = emu.nowIso();
}
