import type { Emulator } from '../core/context.js';
import { conflict } from '../core/errors.js';
import { stableFraction } from '../core/rng.js';
import type {
	FailedOperation,
	JsonObject,
	MediaType,
	PromptRec,
	RunCounters,
	RunMediaRec,
	RunRec,
	RunSettings,
	RunStatus,
	SegmentFailure,
	SegmentRec,
	VideoRec,
} from '../core/types.js';
import { boundsFor, buildSegments, segmentationKey } from './segmentation.js';
import { TERMINAL_RUN_STATUSES, renderRun } from './run-views.js';

/**
 * Prompt-run state machine, driven by the clock:
 * pending --runStartDelayMs--> processing --one segment per media slot per segmentMs--> terminal.
 * Up to `mediaConcurrency` media are worked on at once. Cancellation is cooperative: the stop is
 * observed at the next tick, the in-flight segment of each active media finishes, nothing new
 * starts. Failures are a deterministic function of seed + run + segment.
 */

export interface RunRequest {
	prompt: PromptRec;
	index_id: string | null;
	target: JsonObject;
	videos: VideoRec[];
	settings: RunSettings;
}

const PLURAL: Record<MediaType, string> = { video: 'videos', audio: 'audios', image: 'images' };
const RUN_EVENT: Record<string, string> = {
	completed: 'prompt_run.completed',
	completed_with_failures: 'prompt_run.partial_completed',
	failed: 'prompt_run.failed',
	cancelled: 'prompt_run.cancelled',
};
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

export function emptyCounters(): RunCounters {
	const counters: RunCounters = {
		total_segments: 0,
		completed_segments: 0,
		field_extraction_failures: 0,
		transcription_failures: 0,
		image_embedding_failures: 0,
	};
	for (const plural of Object.values(PLURAL)) {
		for (const kind of ['total', 'completed', 'failed', 'partial', 'cancelled'])
			counters[`${kind}_${plural}`] = 0;
	}
	for (const kind of ['total', 'completed', 'failed', 'partial'])
		counters[`video_level_${kind}_items`] = 0;
	return counters;
}

export class RunSimulator {
	constructor(private readonly emu: Emulator) {}

	/** Builds the run and its segment plan; processing starts after `runStartDelayMs`. */
	create(request: RunRequest, options: { silent?: boolean } = {}): RunRec {
		const { emu } = this;
		const run = this.build(request);
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
		this.finishRun(run, this.finalStatus(run), true);
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

	/** Re-derives counters, media and run status from segment states (after a segment retry). */
	reconcile(run: RunRec): void {
		const counters = emptyCounters();
		for (const videoId of run.media_order) {
			const media = run.media.get(videoId) as RunMediaRec;
			const plural = PLURAL[media.media_type];
			counters[`total_${plural}`]!++;
			counters.total_segments! += media.segments.length;
			const done = media.segments.filter((s) => s.status === 'completed').length;
			counters.completed_segments! += done;
			for (const s of media.segments) this.countFailure(counters, s.failure);
			if (
				media.status !== 'cancelled' &&
				media.status !== 'pending' &&
				media.status !== 'processing'
			) {
				media.status = this.mediaOutcome(media);
			}
			const key = {
				completed: 'completed',
				partial: 'partial',
				failed: 'failed',
				cancelled: 'cancelled',
			}[media.status as string];
			if (key) counters[`${key}_${plural}`]!++;
			if (run.video_level) this.countVideoLevel(counters, media);
			this.updateVideoStatus(media);
		}
		run.counters = counters;
		if (run.status !== 'cancelled' && TERMINAL_RUN_STATUSES.has(run.status))
			run.status = this.finalStatus(run);
		run.updated_at = this.emu.nowIso();
	}

	private build(request: RunRequest): RunRec {
		const { emu } = this;
		const runId = emu.ids.next('run');
		const now = emu.nowIso();
		const counters = emptyCounters();
		const media = new Map<string, RunMediaRec>();
		let createdNew = false;
		let totalVideoSeconds = 0;
		for (const video of request.videos) {
			const key = segmentationKey(video, request.settings);
			const segments = buildSegments(
				boundsFor(emu.seed, video, request.settings),
				video.video_id,
				key,
			);
			for (const segment of segments)
				emu.store.segments.set(segment.segment_id, { video_id: video.video_id });
			const reused = video.run_ids.some((id) => {
				const prior = emu.store.runs.get(id);
				return prior !== undefined && segmentationKey(video, prior.settings) === key;
			});
			createdNew ||= !reused;
			media.set(video.video_id, {
				video_id: video.video_id,
				media_type: video.media_type,
				status: 'pending',
				segments,
				next_segment: 0,
				started_at: null,
				completed_at: null,
				video_result: null,
			});
			counters[`total_${PLURAL[video.media_type]}`]!++;
			counters.total_segments! += segments.length;
			if (video.media_type === 'video') totalVideoSeconds += video.duration_seconds;
		}
		if (request.prompt.video_level) counters.video_level_total_items = request.videos.length;
		return {
			run_id: runId,
			prompt_id: request.prompt.prompt_id,
			prompt_name: request.prompt.name,
			json_schema: request.prompt.json_schema,
			video_level: request.prompt.video_level,
			index_id: request.index_id,
			target: request.target,
			settings: request.settings,
			status: 'pending',
			executed_at: now,
			started_at: null,
			completed_at: null,
			updated_at: now,
			error_message: null,
			counters,
			created_new_segments: createdNew,
			total_video_seconds: Math.round(totalVideoSeconds * 10) / 10,
			stop_state: null,
			media,
			media_order: request.videos.map((v) => v.video_id),
			next_media: 0,
			active: [],
			billing_estimated_mt: Math.round(counters.total_segments! * 0.5 * 100) / 100,
		};
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
			this.finishRun(run, this.finalStatus(run), false);
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
		segment.failure = this.decideFailure(run, segment);
		segment.status = segment.failure ? 'failed' : 'completed';
		segment.completed_at = now;
		if (segment.status === 'completed') run.counters.completed_segments!++;
		this.countFailure(run.counters, segment.failure);
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
		media.status = this.mediaOutcome(media);
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
			this.countVideoLevel(run.counters, media);
		}
		this.updateVideoStatus(media);
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
			this.updateVideoStatus(media);
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

	private finalStatus(run: RunRec): RunStatus {
		const { completed_segments: done = 0, total_segments: total = 0 } = run.counters;
		if (total > 0 && done === 0) return 'failed';
		return done < total ? 'completed_with_failures' : 'completed';
	}

	private mediaOutcome(media: RunMediaRec): 'completed' | 'partial' | 'failed' {
		const ok = media.segments.filter((s) => s.status === 'completed').length;
		if (ok === media.segments.length) return 'completed';
		return ok === 0 ? 'failed' : 'partial';
	}

	private countFailure(counters: RunCounters, failure: SegmentFailure | null): void {
		if (!failure) return;
		for (const op of failure.failed_operations) {
			if (op === 'field_extraction' || op === 'processing') counters.field_extraction_failures!++;
			if (op === 'transcription') counters.transcription_failures!++;
			if (op === 'image_embedding') counters.image_embedding_failures!++;
		}
	}

	private countVideoLevel(counters: RunCounters, media: RunMediaRec): void {
		const result = media.video_result;
		if (!result) return;
		if (result.status === 'failed') counters.video_level_failed_items!++;
		else if (result.failed_segment_count > 0) counters.video_level_partial_items!++;
		else counters.video_level_completed_items!++;
	}

	private updateVideoStatus(media: RunMediaRec): void {
		const video = this.emu.store.videos.get(media.video_id);
		if (!video) return;
		const hasResults = video.run_ids.some((id) => {
			const run = this.emu.store.runs.get(id);
			return (
				run?.media.get(video.video_id)?.segments.some((s) => s.status === 'completed') ?? false
			);
		});
		video.status = hasResults
			? 'PROCESSED'
			: media.status === 'failed'
				? 'FAILED'
				: 'NOT_PROCESSED';
		video.updated_at = this.emu.nowIso();
	}

	/** Deterministic: hash(seed, run, segment) below the configured rate, or media titled `[fail]`. */
	decideFailure(run: RunRec, segment: SegmentRec, salt = ''): SegmentFailure | null {
		const { emu } = this;
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
