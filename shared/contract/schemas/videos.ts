import { z } from 'zod/v3';

import {
	id,
	markerInfoSchema,
	openEnum,
	optBoolean,
	optNumber,
	optString,
	optStringArray,
} from './common';
import { DELETION_STATUSES, VIDEO_STATUSES } from './statuses';

export const MEDIA_TYPES = ['video', 'audio', 'image'] as const;

const segmentProgressSchema = z
	.object({
		segment_id: optString,
		video_id: optString,
		status: optString,
		start_time: optNumber,
		end_time: optNumber,
		started_at: optString,
		completed_at: optString,
		updated_at: optString,
		error_message: optString,
		failure_stage: optString,
		attempt_id: optString,
	})
	.passthrough();

const videoLevelProgressSchema = z
	.object({
		status: optString,
		result_available: optBoolean,
		successful_segment_count: optNumber,
		failed_segment_count: optNumber,
		started_at: optString,
		completed_at: optString,
		updated_at: optString,
		error_message: optString,
		attempt_id: optString,
	})
	.passthrough();

/** PromptRunProcessingStatus (docs/api/conventions.md#media-item-model): one run's progress on one media item. */
export const processingStatusSchema = z
	.object({
		run_id: z.string(),
		prompt_id: optString,
		status: z.string(),
		total_segments: optNumber,
		pending_segments: optNumber,
		processing_segments: optNumber,
		successful_segments: optNumber,
		failed_segments: optNumber,
		created_at: optString,
		updated_at: optString,
		attempt_id: optString,
		video_level: videoLevelProgressSchema.nullish(),
		segments: z.array(segmentProgressSchema).nullish(),
	})
	.passthrough();

/** Video / media item (docs/api/conventions.md#media-item-model). `status` is compared case-insensitively (upper case from the emulator). */
export const videoSchema = z
	.object({
		video_id: id,
		title: optString,
		video_uri: optString,
		status: openEnum(VIDEO_STATUSES).nullish(),
		processing_status: z.array(processingStatusSchema).nullish(),
		created_at: optString,
		updated_at: optString,
		duration_seconds: optNumber,
		metadata_keys: optStringArray,
		media_type: openEnum(MEDIA_TYPES).nullish(),
		marker: markerInfoSchema.nullish(),
	})
	.passthrough();
export type Video = z.infer<typeof videoSchema>;

/** Batch get adds inline previews (docs/api/conventions.md#media-item-model). */
export const videoWithDetailsSchema = videoSchema.extend({
	gif_data: optString,
	first_thumbnail: optString,
});

/** `POST /videos/batch/status` item. */
export const videoStatusSnapshotSchema = z
	.object({
		video_id: id,
		status: optString,
		processing_status: z.array(processingStatusSchema).nullish(),
	})
	.passthrough();

/** UploadResult of `POST /videos/upload` (docs/api/conventions.md#media). */
export const uploadResultSchema = z
	.object({
		video_id: id,
		title: optString,
		video_uri: optString,
		status: optString,
		message: optString,
		media_type: optString,
	})
	.passthrough();

/** `POST /workflow/upload` answer (docs/api/conventions.md#workflow-surface). */
export const workflowUploadResultSchema = z
	.object({
		video: uploadResultSchema.extend({ index_id: optString }),
		destination: z
			.object({
				type: openEnum(['index', 'playground'] as const),
				index_id: optString,
				index_created: optBoolean,
			})
			.passthrough(),
	})
	.passthrough();

/** MediaDeletion (docs/api/conventions.md#media): `deleted` is terminal. */
export const mediaDeletionSchema = z
	.object({ video_id: id, deletion_id: optString, status: openEnum(DELETION_STATUSES) })
	.passthrough();
