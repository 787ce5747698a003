import type { Emulator } from '../core/context.js';
import type { JsonObject, MarkerInfo, RunMediaRec, RunRec, SegmentRec } from '../core/types.js';
import { generateMetadata, metadataText } from './schema-values.js';
import { sha256Hex } from '../core/rng.js';

/** Client-facing shapes of runs and their results (docs/api/conventions.md#run-model-and-statuses, docs/api/conventions.md#result-models, docs/api/conventions.md#media-item-model, docs/api/conventions.md#segment-model). */

export const TERMINAL_RUN_STATUSES = new Set([
	'completed',
	'completed_with_failures',
	'failed',
	'cancelled',
]);
export const SEARCHABLE_RUN_STATUSES = new Set(['completed', 'completed_with_failures']);

export function resultIdOf(runId: string, segmentId: string): string {
	return `res_${sha256Hex(`${runId}|${segmentId}`).slice(0, 20)}`;
}

export function segmentMetadata(
	emu: Emulator,
	run: RunRec,
	segment: SegmentRec,
): { metadata: JsonObject; metadata_text: string } {
	if (!segment.cached) {
		const metadata = generateMetadata(
			run.json_schema,
			`${emu.seed}:${run.run_id}:${segment.segment_id}`,
		);
		segment.cached = { metadata, metadata_text: metadataText(metadata) };
	}
	return segment.cached;
}

export function videoLevelMetadata(
	emu: Emulator,
	run: RunRec,
	media: RunMediaRec,
): { metadata: JsonObject; metadata_text: string } {
	const metadata = generateMetadata(
		run.video_level?.json_schema ?? {},
		`${emu.seed}:${run.run_id}:${media.video_id}:video`,
	);
	return { metadata, metadata_text: metadataText(metadata) };
}

export function markerFor(
	emu: Emulator,
	targetType: 'prompt' | 'prompt_run',
	targetId: string,
): MarkerInfo | null {
	for (const marker of emu.store.markers.byId.values()) {
		if (marker.target_type === targetType && marker.target_id === targetId) {
			return {
				marker_id: marker.marker_id,
				color: marker.color,
				note: marker.note,
				updated_at: marker.updated_at,
			};
		}
	}
	return null;
}

export function fieldMarkersFor(emu: Emulator, runId: string): Record<string, MarkerInfo> {
	const out: Record<string, MarkerInfo> = {};
	for (const marker of emu.store.markers.byId.values()) {
		if (marker.target_type === 'field' && marker.target_id === runId && marker.field_path) {
			out[marker.field_path] = {
				marker_id: marker.marker_id,
				color: marker.color,
				note: marker.note,
				updated_at: marker.updated_at,
			};
		}
	}
	return out;
}

export function renderRun(emu: Emulator, run: RunRec): JsonObject {
	const counters = run.counters;
	return {
		run_id: run.run_id,
		prompt_id: run.prompt_id,
		prompt_name: run.prompt_name,
		prompt_type: run.video_level ? 'segment_and_video' : 'segment',
		executed_at: run.executed_at,
		executed_by: emu.userId,
		status: run.status,
		run_context: { target: run.target, index_id: run.index_id },
		error_message: run.error_message,
		video_segmentation_type: run.settings.video_segmentation_type,
		audio_segmentation_type: run.settings.audio_segmentation_type,
		image_segmentation_type: 'image',
		video_segment_duration: run.settings.video_segment_duration,
		audio_segment_duration: run.settings.audio_segment_duration,
		created_new_segments: run.created_new_segments,
		processing_model: run.settings.processing_model,
		enable_transcription: run.settings.enable_transcription,
		enable_image_embedding: run.settings.enable_image_embedding,
		total_video_seconds: run.total_video_seconds,
		...counters,
		video_level_enabled: run.video_level !== null,
		field_extraction_succeeded: flag(run, counters.field_extraction_failures ?? 0),
		transcription_succeeded: run.settings.enable_transcription
			? flag(run, counters.transcription_failures ?? 0)
			: null,
		image_embedding_succeeded: run.settings.enable_image_embedding
			? flag(run, counters.image_embedding_failures ?? 0)
			: null,
		billing_estimated_mt: run.billing_estimated_mt,
		billing_actual_mt: TERMINAL_RUN_STATUSES.has(run.status)
			? Math.round((counters.completed_segments ?? 0) * 0.5 * 100) / 100
			: null,
		billing_status: TERMINAL_RUN_STATUSES.has(run.status) ? 'settled' : 'reserved',
		billing_error: null,
		stop_state: run.stop_state,
		marker: markerFor(emu, 'prompt_run', run.run_id),
		started_at: run.started_at,
		completed_at: run.completed_at,
		updated_at: run.updated_at,
		index_id: run.index_id,
	};
}

function flag(run: RunRec, failures: number): boolean | null {
	if (!TERMINAL_RUN_STATUSES.has(run.status)) return null;
	return failures === 0;
}

export function operationFlags(run: RunRec, segment: SegmentRec): JsonObject {
	const ops = segment.failure?.failed_operations ?? [];
	const failedAll = ops.includes('processing');
	const message = segment.failure?.failure_message ?? null;
	const done = segment.status === 'completed' || segment.status === 'failed';
	const pick = (op: 'field_extraction' | 'transcription' | 'image_embedding', enabled: boolean) => {
		if (!enabled || !done) return { ok: null, error: null };
		const failed = failedAll || ops.includes(op);
		return { ok: !failed, error: failed ? message : null };
	};
	const field = pick('field_extraction', true);
	const transcription = pick('transcription', run.settings.enable_transcription);
	const image = pick('image_embedding', run.settings.enable_image_embedding);
	return {
		field_extraction_succeeded: field.ok,
		transcription_succeeded: transcription.ok,
		image_embedding_succeeded: image.ok,
		field_extraction_error: field.error,
		transcription_error: transcription.error,
		image_embedding_error: image.error,
	};
}

export function mediaUris(emu: Emulator, videoId: string, segmentId: string | null) {
	const base = `gs://videovector-emulator-managed/${emu.userId}/${videoId}`;
	return {
		segment_uri: segmentId ? `${base}/segments/${segmentId}.mp4` : null,
		gcs_uri: segmentId ? `${base}/segments/${segmentId}.mp4` : `${base}/media`,
		thumbnail_uri: segmentId ? `${emu.baseUrl}/videos/segments/${segmentId}/thumbnail` : null,
		thumbnail_gcs_uri: segmentId ? `${base}/thumbnails/${segmentId}.jpg` : null,
		gif_uri: `${emu.baseUrl}/videos/${videoId}/gif`,
		gif_gcs_uri: `${base}/preview.gif`,
	};
}

export function renderSegmentResult(emu: Emulator, run: RunRec, segment: SegmentRec): JsonObject {
	const video = emu.store.videos.get(segment.video_id);
	const { metadata, metadata_text } = segmentMetadata(emu, run, segment);
	const markers = fieldMarkersFor(emu, run.run_id);
	return {
		result_type: 'segment',
		result_id: resultIdOf(run.run_id, segment.segment_id),
		segment_id: segment.segment_id,
		video_id: segment.video_id,
		run_id: run.run_id,
		prompt_id: run.prompt_id,
		prompt_run_id: run.run_id,
		video_name: video?.title ?? null,
		source_index_id: run.index_id ?? video?.index_id ?? null,
		executed_at: run.executed_at,
		start_time: segment.start_time,
		end_time: segment.end_time,
		...mediaUris(emu, segment.video_id, segment.segment_id),
		thumbnail_available: true,
		gif_available: true,
		metadata,
		metadata_text,
		processing_warning: null,
		schema_used: run.json_schema,
		...operationFlags(run, segment),
		marker: null,
		extracted_metadata_markers: markers,
		metadata_markers: markers,
	};
}

export function renderVideoResult(
	emu: Emulator,
	run: RunRec,
	media: RunMediaRec,
): JsonObject | null {
	const result = media.video_result;
	if (!result) return null;
	const video = emu.store.videos.get(media.video_id);
	const completed = result.status === 'completed';
	const meta = completed
		? videoLevelMetadata(emu, run, media)
		: { metadata: {}, metadata_text: '' };
	const preview = media.segments.find((s) => s.status === 'completed') ?? media.segments[0];
	return {
		result_type: 'video',
		result_id: result.result_id,
		run_id: run.run_id,
		prompt_id: run.prompt_id,
		prompt_run_id: run.run_id,
		video_id: media.video_id,
		video_name: video?.title ?? null,
		source_index_id: run.index_id ?? video?.index_id ?? null,
		executed_at: run.executed_at,
		status: result.status,
		metadata: meta.metadata,
		metadata_text: meta.metadata_text,
		raw_llm_response: completed ? JSON.stringify(meta.metadata) : null,
		processing_warning:
			result.failed_segment_count > 0
				? `${result.failed_segment_count} segment(s) were omitted`
				: null,
		schema_used: run.video_level?.json_schema ?? null,
		successful_segment_count: result.successful_segment_count,
		failed_segment_count: result.failed_segment_count,
		omitted_segment_ids: result.omitted_segment_ids,
		template_fields: run.video_level?.included_segment_fields ?? [],
		source_fingerprint: sha256Hex(
			`${run.run_id}|${media.video_id}|${result.successful_segment_count}`,
		).slice(0, 32),
		rendered_prompt_char_count:
			(run.video_level?.instructions_text.length ?? 0) + result.successful_segment_count * 240,
		llm_attempted: completed,
		attempt_id: `att_${result.result_id.slice(4, 16)}`,
		error_message: result.error_message,
		started_at: result.started_at,
		completed_at: result.completed_at,
		preview_segment_id: preview?.segment_id ?? null,
		preview_start_time: preview?.start_time ?? null,
		preview_end_time: preview?.end_time ?? null,
		...mediaUris(emu, media.video_id, preview?.segment_id ?? null),
		marker: null,
	};
}

export function renderSegment(emu: Emulator, run: RunRec | null, segment: SegmentRec): JsonObject {
	const done = segment.status === 'completed';
	const meta = run && done ? segmentMetadata(emu, run, segment) : null;
	const flags = run ? operationFlags(run, segment) : {};
	return {
		segment_id: segment.segment_id,
		video_id: segment.video_id,
		start_time: segment.start_time,
		end_time: segment.end_time,
		...mediaUris(emu, segment.video_id, segment.segment_id),
		processed: segment.status === 'completed' || segment.status === 'failed',
		processing_failed: segment.status === 'failed',
		segment_status: segment.status,
		failure_stage: segment.failure?.failure_stage ?? null,
		failure_message: segment.failure?.failure_message ?? null,
		attempt_id: null,
		status_source: run ? 'prompt_run' : 'segmentation',
		metadata: meta?.metadata ?? null,
		metadata_text: meta?.metadata_text ?? null,
		created_at: run?.executed_at ?? segment.started_at,
		processed_at: segment.completed_at,
		error_message: segment.failure?.failure_message ?? null,
		processing_warning: null,
		thumbnail_data: null,
		thumbnail_available: true,
		gif_data: null,
		gif_available: true,
		from_run_id: run?.run_id ?? null,
		marker: null,
		metadata_markers: run ? fieldMarkersFor(emu, run.run_id) : {},
		...flags,
	};
}

export function renderProcessingStatus(run: RunRec, media: RunMediaRec): JsonObject {
	const count = (status: SegmentRec['status']) =>
		media.segments.filter((s) => s.status === status).length;
	const result = media.video_result;
	return {
		run_id: run.run_id,
		prompt_id: run.prompt_id,
		status: media.status,
		total_segments: media.segments.length,
		pending_segments: count('pending'),
		processing_segments: count('processing'),
		successful_segments: count('completed'),
		failed_segments: count('failed'),
		created_at: run.executed_at,
		updated_at: media.completed_at ?? media.started_at ?? run.executed_at,
		attempt_id: null,
		video_level: run.video_level
			? {
					status: result?.status ?? 'pending',
					result_available: result?.status === 'completed',
					successful_segment_count: result?.successful_segment_count ?? 0,
					failed_segment_count: result?.failed_segment_count ?? 0,
					started_at: result?.started_at ?? null,
					completed_at: result?.completed_at ?? null,
					updated_at: result?.completed_at ?? null,
					error_message: result?.error_message ?? null,
					attempt_id: null,
				}
			: null,
		segments: media.segments.map((s) => ({
			segment_id: s.segment_id,
			video_id: s.video_id,
			status: s.status,
			start_time: s.start_time,
			end_time: s.end_time,
			started_at: s.started_at,
			completed_at: s.completed_at,
			updated_at: s.completed_at ?? s.started_at,
			error_message: s.failure?.failure_message ?? null,
			failure_stage: s.failure?.failure_stage ?? null,
			attempt_id: null,
		})),
	};
}

export function failedSegmentsManifest(run: RunRec): JsonObject {
	const totals = { field_extraction: 0, transcription: 0, image_embedding: 0, processing: 0 };
	const videos: JsonObject[] = [];
	for (const videoId of run.media_order) {
		const media = run.media.get(videoId) as RunMediaRec;
		const failed = media.segments.filter((s) => s.status === 'failed');
		if (failed.length === 0) continue;
		const counts = { field_extraction: 0, transcription: 0, image_embedding: 0, processing: 0 };
		const segments = failed.map((s) => {
			const ops = s.failure?.failed_operations ?? ['processing'];
			for (const op of ops) {
				counts[op]++;
				totals[op]++;
			}
			return {
				segment_id: s.segment_id,
				failed_operations: ops,
				field_extraction_error: ops.includes('field_extraction')
					? (s.failure?.failure_message ?? null)
					: null,
				transcription_error: ops.includes('transcription')
					? (s.failure?.failure_message ?? null)
					: null,
				image_embedding_error: ops.includes('image_embedding')
					? (s.failure?.failure_message ?? null)
					: null,
				failure_stage: s.failure?.failure_stage ?? null,
				failure_message: s.failure?.failure_message ?? null,
				failure_code: s.failure?.failure_code ?? null,
				retryable: s.failure?.retryable ?? null,
				start_time: s.start_time,
				end_time: s.end_time,
				projection_only: false,
			};
		});
		videos.push({
			video_id: videoId,
			failed_segments: failed.length,
			operation_counts: counts,
			segments,
		});
	}
	return {
		run_id: run.run_id,
		status: run.status,
		videos_with_failures: videos.length,
		failed_segments: videos.reduce((sum, v) => sum + (v.failed_segments as number), 0),
		operation_counts: totals,
		videos,
	};
}
