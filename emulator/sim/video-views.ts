import type { Emulator } from '../core/context.js';
import type { IndexRec, JsonObject, RunRec, SegmentRec, VideoRec } from '../core/types.js';
import { GIF_BYTES, JPEG_BYTES } from '../assets/media-bytes.js';
import { renderProcessingStatus } from './run-views.js';
import { schemaFieldPaths } from './schema-values.js';

/** Client-facing shapes of indexes and media (docs/api/conventions.md#index-model, docs/api/conventions.md#media-item-model). */

const PROCESSING_STATUS_RUNS = 10;

export function renderIndex(emu: Emulator, index: IndexRec): JsonObject {
	return {
		index_id: index.index_id,
		name: index.name,
		user_id: index.is_default ? 'system' : emu.userId,
		created_at: index.created_at,
		is_default: index.is_default,
		description: index.description,
		sort_order: null,
		video_count: emu.store.listingOf(index.index_id).size,
		...(index.deletion ? { deletion_status: index.deletion.status } : {}),
	};
}

/** The latest run (newest first) that produced segments for this media. */
export function latestRunFor(
	emu: Emulator,
	video: VideoRec,
	requireCompleted = false,
): RunRec | undefined {
	for (let i = video.run_ids.length - 1; i >= 0; i--) {
		const run = emu.store.runs.get(video.run_ids[i] as string);
		const media = run?.media.get(video.video_id);
		if (!run || !media) continue;
		if (!requireCompleted || media.segments.some((s) => s.status === 'completed')) return run;
	}
	return undefined;
}

/** Canonical segments: pinned run, else the latest run touching the media, else legacy segmentation. */
export function canonicalSegments(
	emu: Emulator,
	video: VideoRec,
	runId?: string,
): { run: RunRec | null; segments: SegmentRec[] } {
	const run = runId ? emu.store.runs.get(runId) : latestRunFor(emu, video);
	const media = run?.media.get(video.video_id);
	if (run && media) return { run, segments: media.segments };
	if (runId) return { run: null, segments: [] };
	return { run: null, segments: video.legacy_segments ?? [] };
}

export function renderVideo(emu: Emulator, video: VideoRec): JsonObject {
	const runs = video.run_ids
		.slice(-PROCESSING_STATUS_RUNS)
		.reverse()
		.map((id) => emu.store.runs.get(id))
		.filter((run): run is RunRec => run !== undefined);
	const latest = latestRunFor(emu, video, true);
	return {
		video_id: video.video_id,
		title: video.title,
		video_uri: video.video_uri,
		status: video.status,
		processing_status: runs.length
			? runs.map((run) => renderProcessingStatus(run, run.media.get(video.video_id)!))
			: null,
		created_at: video.created_at,
		updated_at: video.updated_at,
		duration_seconds: video.duration_seconds,
		metadata_keys: latest ? schemaFieldPaths(latest.json_schema) : null,
		media_type: video.media_type,
		marker: null,
		index_id: video.index_id,
		source_connector_id: video.source_connector_id,
		...(video.deletion ? { deletion_status: video.deletion.status } : {}),
	};
}

export function renderVideoWithDetails(emu: Emulator, video: VideoRec): JsonObject {
	const processed = video.status === 'PROCESSED';
	return {
		...renderVideo(emu, video),
		gif_data: processed ? GIF_BYTES.toString('base64') : null,
		first_thumbnail: processed ? JPEG_BYTES.toString('base64') : null,
	};
}
