import type { Emulator } from '../core/context.js';
import { conflict, notFound } from '../core/errors.js';
import type { JsonObject, RunMediaRec, RunRec, SegmentRetryRec } from '../core/types.js';
import { TERMINAL_RUN_STATUSES } from './run-views.js';
import { decideFailure, reconcileRun } from './segment-outcomes.js';

/**
 * Segment retries: queued --retryStepMs--> processing --retryStepMs--> completed | failed.
 * A successful retry repairs the segment in place and re-derives the run's counters and status
 * (a `completed_with_failures` run whose last failure is repaired becomes `completed`).
 */

export class SegmentRetrySimulator {
	constructor(private readonly emu: Emulator) {}

	request(
		run: RunRec,
		videoId: string,
		segmentId: string,
		idempotencyKey: string | undefined,
	): SegmentRetryRec {
		const media = run.media.get(videoId);
		if (!media) throw notFound('video', videoId);
		const segment = media.segments.find((s) => s.segment_id === segmentId);
		if (!segment) throw notFound('segment', segmentId);
		if (!TERMINAL_RUN_STATUSES.has(run.status))
			throw conflict('Segments can only be retried once the run is terminal', {
				run_id: run.run_id,
				status: run.status,
			});
		if (segment.status !== 'failed')
			throw conflict('Only failed segments can be retried', {
				segment_id: segmentId,
				segment_status: segment.status,
			});
		if (segment.failure && !segment.failure.retryable)
			throw conflict('This segment failure is not retryable', {
				segment_id: segmentId,
				failure_code: segment.failure.failure_code,
			});
		const active = segment.retry_ids
			.map((id) => this.emu.store.retries.get(id))
			.find((r) => r && (r.status === 'queued' || r.status === 'processing'));
		if (active)
			throw conflict('A retry of this segment is already in progress', {
				retry_id: active.retry_id,
			});

		const retry: SegmentRetryRec = {
			retry_id: this.emu.ids.next('retry'),
			run_id: run.run_id,
			video_id: videoId,
			segment_id: segmentId,
			status: 'queued',
			idempotency_key: idempotencyKey ?? null,
			created_at: this.emu.nowIso(),
			started_at: null,
			completed_at: null,
			error: null,
		};
		this.emu.store.retries.set(retry.retry_id, retry);
		segment.retry_ids.push(retry.retry_id);
		this.emu.clock.setTimeout(
			() => this.begin(retry.retry_id),
			this.emu.config.simulation.retryStepMs,
		);
		return retry;
	}

	private begin(retryId: string): void {
		const retry = this.emu.store.retries.get(retryId);
		if (!retry || retry.status !== 'queued') return;
		retry.status = 'processing';
		retry.started_at = this.emu.nowIso();
		this.emu.clock.setTimeout(() => this.finish(retryId), this.emu.config.simulation.retryStepMs);
	}

	private finish(retryId: string): void {
		const { emu } = this;
		const retry = emu.store.retries.get(retryId);
		const run = retry ? emu.store.runs.get(retry.run_id) : undefined;
		const media = run?.media.get(retry?.video_id ?? '') as RunMediaRec | undefined;
		const segment = media?.segments.find((s) => s.segment_id === retry?.segment_id);
		if (!retry || !run || !media || !segment || retry.status !== 'processing') return;
		const failure = decideFailure(emu, run, segment, retry.retry_id);
		retry.completed_at = emu.nowIso();
		const indexId = run.index_id ?? emu.store.videos.get(segment.video_id)?.index_id ?? null;
		if (failure) {
			retry.status = 'failed';
			retry.error = failure.failure_message;
		} else {
			retry.status = 'completed';
			segment.status = 'completed';
			segment.failure = null;
			segment.completed_at = retry.completed_at;
			segment.cached = undefined;
			reconcileRun(emu, run);
		}
		emu.bus.emit(failure ? 'segment.failed' : 'segment.completed', {
			run_id: run.run_id,
			video_id: segment.video_id,
			segment_id: segment.segment_id,
			index_id: indexId,
			payload: {
				segment_id: segment.segment_id,
				video_id: segment.video_id,
				run_id: run.run_id,
				retry_id: retry.retry_id,
				status: retry.status,
			},
		});
	}
}

export function renderRetry(retry: SegmentRetryRec, withRequestFields: boolean): JsonObject {
	const base: JsonObject = {
		run_id: retry.run_id,
		retry_id: retry.retry_id,
		status: retry.status,
		video_id: retry.video_id,
		segment_id: retry.segment_id,
		created_at: retry.created_at,
		started_at: retry.started_at,
		completed_at: retry.completed_at,
		error: retry.error,
		billing_estimated_mt: 0.5,
		billing_actual_mt: retry.status === 'completed' || retry.status === 'failed' ? 0.5 : null,
		billing_status:
			retry.status === 'completed' || retry.status === 'failed' ? 'settled' : 'reserved',
	};
	if (withRequestFields)
		return { ...base, message: 'Segment retry queued', idempotency_key: retry.idempotency_key };
	const done = retry.status === 'completed';
	const finished = done || retry.status === 'failed';
	return {
		...base,
		field_extraction_succeeded: finished ? done : null,
		transcription_succeeded: finished ? done : null,
		image_embedding_succeeded: finished ? done : null,
	};
}
