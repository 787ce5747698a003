/** A prompt run's record as created: one entry per media with its segment plan, counters at zero. */
import type { Emulator } from '../core/context.js';
import type {
	JsonObject,
	MediaType,
	PromptRec,
	RunCounters,
	RunMediaRec,
	RunRec,
	RunSettings,
	VideoRec,
} from '../core/types.js';
import { boundsFor, buildSegments, segmentationKey } from './segmentation.js';

export interface RunRequest {
	prompt: PromptRec;
	index_id: string | null;
	target: JsonObject;
	videos: VideoRec[];
	settings: RunSettings;
}

/** The plural each media type's counters are named with (`total_videos`, `failed_images`…). */
export const PLURAL: Record<MediaType, string> = {
	video: 'videos',
	audio: 'audios',
	image: 'images',
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

/** Builds the run and its segment plan (the segments are registered in the store at once). */
export function buildRun(emu: Emulator, request: RunRequest): RunRec {
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
