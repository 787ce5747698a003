import type { Emulator } from '../core/context.js';
import { conflict } from '../core/errors.js';
import type { RunMediaRec, RunRec, RunStatus } from '../core/types.js';
import { buildRun, PLURAL, type RunRequest } from './run-plan.js';
import { TERMINAL_RUN_STATUSES, renderRun } from './run-views.js';
import {
	countFailure,
	countVideoLevel,
	decideFailure,
	finalStatus,
	mediaOutcome,
	updateVideoStatus,
} from './segment-outcomes.js';

/**
 * Prompt-run state machine, driven by the clock:
 * pending --runStartDelayMs--> processing --one segment per media slot per segmentMs--> terminal.
 * Up to `mediaConcurrency` media are worked on at once. Cancellation is cooperative: the stop is
 * observed at the next tick, the in-flight segment of each active media finishes, nothing new
 * starts. Failures are a deterministic function of seed + run + segment. The run's plan is built
 * in run-plan.ts; failure verdicts, counters and statuses are derived in segment-outcomes.ts.
 */

const RUN_EVENT: Record<string, string> = {
	completed: 'prompt_run.completed',
	completed_with_failures: 'prompt_run.partial_completed',
	failed: 'prompt_run.failed',
	cancelled: 'prompt_run.cancelled',
};

export class RunSimulator {
	constructor(private readonly emu: Emulator) {}

	/** Builds the run and its segment plan; processing starts after `runStartDelayMs`. */
	create(request: RunRequest, options: { silent?: boolean } = {}): RunRec {
		const { emu } = this;
		const run = buildRun(this.emu, request);
		emu.store.runs.set(run.run_id, run);
		for (const video of request.videos) {
			video.run_ids.push(run.run_id);
			const indexId = run.index_id ?? video.index_id;
			if (indexId) emu.store.runsOfIndex(indexId).add(run.run_id);
		}
		if (!options.silent)
			emu.clock.setTimeout(() => this.start(run.run_id), emu.config.simulation.runStartDelayMs);
		return run;
	}

	/** A run that is already finished (seeding): every segment processed at once, no events. */
	createFinished(request: RunRequest): RunRec {
		const run = this.create(request, { silent: true });
		run.status = 'processing';
		run.started_at = run.executed_at;
		for (const videoId of run.media_order) {
			const media = run.media.get(videoId) as RunMediaRec;
			this.startMedia(run, media, true);
			while (media.next_segment < media.segments.length) this.processSegment(run, media, true);
			this.finishMedia(run, media, true);
		}
		run.next_media = run.media_order.length;
		run.active = [];
		this.finishRun(run, finalStatus(run), true);
		return run;
	}

	cancel(run: RunRec): RunRec {
		if (TERMINAL_RUN_STATUSES.has(run.status))
			throw conflict(`Run is already ${run.status}`, { run_id: run.run_id, status: run.status });
		run.stop_state ??= {
			requested_at: this.emu.nowIso(),
			requested_by: this.emu.userId,
			mode: 'cooperative',
			observed_at: null,
			completed_at: null,
		};
		run.updated_at = this.emu.nowIso();
		return run;
	}

	private start(runId: string): void {
		const run = this.emu.store.runs.get(runId);
		if (!run || run.status !== 'pending') return;
		run.status = 'processing';
		run.started_at = this.emu.nowIso();
		run.updated_at = run.started_at;
		this.emitRun(run, 'prompt_run.started');
		if (run.stop_state) {
			this.tick(runId);
			return;
		}
		this.fillSlots(run);
		this.emu.clock.setTimeout(() => this.tick(runId), this.emu.config.simulation.segmentMs);
	}

	private fillSlots(run: RunRec): void {
		const concurrency = Math.max(1, Math.floor(this.emu.config.simulation.mediaConcurrency));
		while (run.active.length < concurrency && run.next_media < run.media_order.length) {
			const media = run.media.get(run.media_order[run.next_media++] as string) as RunMediaRec;
			this.startMedia(run, media, false);
			run.active.push(media.video_id);
		}
	}

	private tick(runId: string): void {
		const run = this.emu.store.runs.get(runId);
		if (!run || run.status !== 'processing') return;
		if (run.stop_state && !run.stop_state.observed_at)
			run.stop_state.observed_at = this.emu.nowIso();
		for (const videoId of [...run.active]) {
			const media = run.media.get(videoId) as RunMediaRec;
			this.processSegment(run, media, false);
			if (media.next_segment >= media.segments.length) {
				this.finishMedia(run, media, false);
				run.active = run.active.filter((id) => id !== videoId);
			}
		}
		if (run.stop_state) {
			this.cancelRemaining(run);
			this.finishRun(run, 'cancelled', false);
			return;
		}
		this.fillSlots(run);
		if (run.active.length === 0) {
			this.finishRun(run, finalStatus(run), false);
			return;
		}
		run.updated_at = this.emu.nowIso();
		this.emu.clock.setTimeout(() => this.tick(runId), this.emu.config.simulation.segmentMs);
	}

	private startMedia(run: RunRec, media: RunMediaRec, silent: boolean): void {
		media.status = 'processing';
		media.started_at = this.emu.nowIso();
		const first = media.segments[0];
		if (first) {
			first.status = 'processing';
			first.started_at = media.started_at;
		}
		const video = this.emu.store.videos.get(media.video_id);
		if (video) {
			video.status = 'PROCESSING';
			video.updated_at = media.started_at;
		}
		if (!silent) {
			this.emu.bus.emit('media.processing.started', {
				run_id: run.run_id,
				video_id: media.video_id,
				index_id: this.indexOf(run, media.video_id),
				payload: {
					video_id: media.video_id,
					index_id: this.indexOf(run, media.video_id),
					run_id: run.run_id,
					status: 'PROCESSING',
				},
			});
		}
	}

	private processSegment(run: RunRec, media: RunMediaRec, silent: boolean): void {
		const segment = media.segments[media.next_segment];
		if (!segment) return;
		const now = this.emu.nowIso();
		segment.started_at ??= now;
		segment.failure = decideFailure(this.emu, run, segment);
		segment.status = segment.failure ? 'failed' : 'completed';
		segment.completed_at = now;
		if (segment.status === 'completed') run.counters.completed_segments!++;
		countFailure(run.counters, segment.failure);
		media.next_segment++;
		const next = media.segments[media.next_segment];
		if (next) {
			next.status = 'processing';
			next.started_at = now;
		}
		if (!silent) {
			const indexId = this.indexOf(run, media.video_id);
			this.emu.bus.emit(segment.failure ? 'segment.failed' : 'segment.completed', {
				run_id: run.run_id,
				video_id: media.video_id,
				segment_id: segment.segment_id,
				index_id: indexId,
				payload: {
					segment_id: segment.segment_id,
					video_id: media.video_id,
					run_id: run.run_id,
					start_time: segment.start_time,
					end_time: segment.end_time,
					status: segment.status,
					...(segment.failure
						? {
								failure_stage: segment.failure.failure_stage,
								failure_code: segment.failure.failure_code,
								retryable: segment.failure.retryable,
							}
						: {}),
				},
			});
		}
	}

	private finishMedia(run: RunRec, media: RunMediaRec, silent: boolean): void {
		const now = this.emu.nowIso();
		media.status = mediaOutcome(media);
		media.completed_at = now;
		const plural = PLURAL[media.media_type];
		run.counters[`${media.status}_${plural}`]!++;
		if (run.video_level) {
			const ok = media.segments.filter((s) => s.status === 'completed');
			const failed = media.segments.filter((s) => s.status === 'failed');
			media.video_result = {
				result_id: this.emu.ids.next('result'),
				status: ok.length > 0 ? 'completed' : 'failed',
				started_at: now,
				completed_at: now,
				successful_segment_count: ok.length,
				failed_segment_count: failed.length,
				omitted_segment_ids: failed.map((s) => s.segment_id),
				error_message: ok.length > 0 ? null : 'No successful segments to synthesize from',
			};
			countVideoLevel(run.counters, media);
		}
		updateVideoStatus(this.emu, media);
		if (silent) return;
		const indexId = this.indexOf(run, media.video_id);
		const failed = media.status === 'failed';
		this.emu.bus.emit(failed ? 'media.processing.failed' : 'media.processing.completed', {
			run_id: run.run_id,
			video_id: media.video_id,
			index_id: indexId,
			payload: {
				video_id: media.video_id,
				index_id: indexId,
				run_id: run.run_id,
				status: failed ? 'FAILED' : 'PROCESSED',
				successful_segments: media.segments.filter((s) => s.status === 'completed').length,
				failed_segments: media.segments.filter((s) => s.status === 'failed').length,
			},
		});
		this.emitRun(run, 'prompt_run.progress');
	}

	private cancelRemaining(run: RunRec): void {
		const cancelMedia = (media: RunMediaRec) => {
			for (const segment of media.segments)
				if (segment.status === 'pending' || segment.status === 'processing')
					segment.status = 'cancelled';
			media.status = 'cancelled';
			media.completed_at = this.emu.nowIso();
			run.counters[`cancelled_${PLURAL[media.media_type]}`]!++;
			updateVideoStatus(this.emu, media);
		};
		for (const videoId of run.active) cancelMedia(run.media.get(videoId) as RunMediaRec);
		run.active = [];
		while (run.next_media < run.media_order.length)
			cancelMedia(run.media.get(run.media_order[run.next_media++] as string) as RunMediaRec);
	}

	private finishRun(run: RunRec, status: RunStatus, silent: boolean): void {
		const now = this.emu.nowIso();
		run.status = status;
		run.completed_at = now;
		run.updated_at = now;
		if (status === 'failed')
			run.error_message = 'Every segment failed; see the failed-segment manifest';
		if (run.stop_state) run.stop_state.completed_at = now;
		if (!silent) this.emitRun(run, RUN_EVENT[status] as string);
	}

	private indexOf(run: RunRec, videoId: string): string | null {
		return run.index_id ?? this.emu.store.videos.get(videoId)?.index_id ?? null;
	}

	private emitRun(run: RunRec, eventType: string): void {
		const view = renderRun(this.emu, run);
		const counters = Object.fromEntries(Object.entries(run.counters));
		this.emu.bus.emit(eventType, {
			run_id: run.run_id,
			index_id: run.index_id,
			payload: {
				run_id: run.run_id,
				prompt_id: run.prompt_id,
				index_id: run.index_id,
				status: view.status,
				...counters,
			},
		});
	}
}
