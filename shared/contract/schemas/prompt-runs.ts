import { z } from 'zod/v3';

import {
	counterFields,
	id,
	markerInfoSchema,
	markerMapSchema,
	openEnum,
	optBoolean,
	optNumber,
	optObject,
	optString,
	optStringArray,
} from './common';
import { RUN_STATUSES, SEGMENT_RETRY_STATUSES } from './statuses';

const perMediaKind = (kind: 'videos' | 'audios' | 'images') =>
	[
		`total_${kind}`,
		`completed_${kind}`,
		`failed_${kind}`,
		`partial_${kind}`,
		`cancelled_${kind}`,
	] as const;

/** Counter fields of a PromptRun (docs/api/conventions.md#run-model-and-statuses), all defaulting to 0. */
export const RUN_COUNTER_FIELDS = [
	...perMediaKind('videos'),
	...perMediaKind('audios'),
	...perMediaKind('images'),
	'total_segments',
	'completed_segments',
	'field_extraction_failures',
	'transcription_failures',
	'image_embedding_failures',
	'video_level_total_items',
	'video_level_completed_items',
	'video_level_failed_items',
	'video_level_partial_items',
] as const;

export const stopStateSchema = z
	.object({
		requested_at: optString,
		requested_by: optString,
		mode: optString,
		observed_at: optString,
		completed_at: optString,
	})
	.passthrough();

/** PromptRun (docs/api/conventions.md#run-model-and-statuses). `status` tolerates unknown values (fixture: `queued`, `partial_completed`). */
export const promptRunSchema = z
	.object({
		run_id: id,
		prompt_id: optString,
		prompt_name: optString,
		prompt_type: optString,
		executed_at: optString,
		executed_by: optString,
		status: openEnum(RUN_STATUSES),
		run_context: optObject,
		error_message: optString,
		video_segmentation_type: optString,
		audio_segmentation_type: optString,
		image_segmentation_type: optString,
		video_segment_duration: optNumber,
		audio_segment_duration: optNumber,
		created_new_segments: optBoolean,
		processing_model: optString,
		enable_transcription: optBoolean,
		enable_image_embedding: optBoolean,
		total_video_seconds: optNumber,
		...counterFields(RUN_COUNTER_FIELDS),
		video_level_enabled: optBoolean,
		field_extraction_succeeded: optBoolean,
		transcription_succeeded: optBoolean,
		image_embedding_succeeded: optBoolean,
		billing_estimated_mt: z.unknown().optional(),
		billing_actual_mt: z.unknown().optional(),
		billing_status: z.unknown().optional(),
		billing_error: z.unknown().optional(),
		stop_state: stopStateSchema.nullish(),
		marker: markerInfoSchema.nullish(),
	})
	.passthrough();
export type PromptRun = z.infer<typeof promptRunSchema>;

/** SegmentRunResult (docs/api/conventions.md#result-models): one segment's extraction in one run. */
export const segmentRunResultSchema = z
	.object({
		result_type: optString,
		result_id: optString,
		segment_id: id,
		video_id: optString,
		run_id: optString,
		prompt_id: optString,
		prompt_run_id: optString,
		video_name: optString,
		source_index_id: optString,
		executed_at: optString,
		start_time: optNumber,
		end_time: optNumber,
		metadata: z.record(z.unknown()).nullable(),
		metadata_text: z.string().nullable(),
		processing_warning: optString,
		field_extraction_succeeded: optBoolean,
		transcription_succeeded: optBoolean,
		image_embedding_succeeded: optBoolean,
		marker: markerInfoSchema.nullish(),
		metadata_markers: markerMapSchema,
		extracted_metadata_markers: markerMapSchema,
	})
	.passthrough();

/** PromptRunVideoResult (docs/api/conventions.md#result-models): media-wide synthesis. */
export const promptRunVideoResultSchema = z
	.object({
		result_type: optString,
		result_id: optString,
		run_id: optString,
		prompt_id: optString,
		video_id: id,
		video_name: optString,
		status: optString,
		metadata: optObject,
		metadata_text: optString,
		successful_segment_count: optNumber,
		failed_segment_count: optNumber,
		omitted_segment_ids: optStringArray,
		template_fields: optStringArray,
		error_message: optString,
		started_at: optString,
		completed_at: optString,
		marker: markerInfoSchema.nullish(),
	})
	.passthrough();

const operationCountsSchema = z
	.object({
		field_extraction: optNumber,
		transcription: optNumber,
		image_embedding: optNumber,
		processing: optNumber,
	})
	.passthrough();

const failedSegmentSchema = z
	.object({
		segment_id: id,
		failed_operations: optStringArray,
		field_extraction_error: optString,
		transcription_error: optString,
		image_embedding_error: optString,
		failure_stage: optString,
		failure_message: optString,
		failure_code: optString,
		retryable: optBoolean,
		start_time: optNumber,
		end_time: optNumber,
		projection_only: optBoolean,
	})
	.passthrough();

/** FailedSegmentsManifest (docs/api/conventions.md#result-models). */
export const failedSegmentsManifestSchema = z
	.object({
		run_id: id,
		status: optString,
		videos_with_failures: optNumber,
		failed_segments: optNumber,
		operation_counts: operationCountsSchema.nullish(),
		videos: z
			.array(
				z
					.object({
						video_id: id,
						failed_segments: optNumber,
						operation_counts: operationCountsSchema.nullish(),
						segments: z.array(failedSegmentSchema),
					})
					.passthrough(),
			)
			.default([]),
	})
	.passthrough();
export type FailedSegmentsManifest = z.infer<typeof failedSegmentsManifestSchema>;

const segmentRetryBase = {
	run_id: optString,
	retry_id: id,
	status: openEnum(SEGMENT_RETRY_STATUSES),
	video_id: optString,
	segment_id: optString,
	created_at: optString,
	started_at: optString,
	completed_at: optString,
	error: z.unknown().optional(),
};

/** SegmentRetry (docs/api/conventions.md#result-models): answer of the retry POST. */
export const segmentRetrySchema = z
	.object({ ...segmentRetryBase, message: optString, idempotency_key: optString })
	.passthrough();
export type SegmentRetry = z.infer<typeof segmentRetrySchema>;

/** SegmentRetryStatus (docs/api/conventions.md#result-models): poll result. */
export const segmentRetryStatusSchema = z
	.object({
		...segmentRetryBase,
		field_extraction_succeeded: optBoolean,
		transcription_succeeded: optBoolean,
		image_embedding_succeeded: optBoolean,
	})
	.passthrough();
