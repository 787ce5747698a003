import { z } from 'zod/v3';

import {
	id,
	markerInfoSchema,
	markerMapSchema,
	optBoolean,
	optNumber,
	optObject,
	optString,
} from './common';

/** Segment (docs/api/conventions.md#segment-model); `metadata` is shaped by the prompt's json_schema, so it stays an open object. */
export const segmentSchema = z
	.object({
		segment_id: id,
		video_id: optString,
		start_time: optNumber,
		end_time: optNumber,
		gcs_uri: optString,
		thumbnail_gcs_uri: optString,
		gif_gcs_uri: optString,
		thumbnail_uri: optString,
		gif_uri: optString,
		processed: optBoolean,
		processing_failed: optBoolean,
		segment_status: optString,
		failure_stage: optString,
		failure_message: optString,
		attempt_id: optString,
		status_source: optString,
		metadata: optObject,
		metadata_text: optString,
		created_at: optString,
		processed_at: optString,
		error_message: optString,
		processing_warning: optString,
		thumbnail_data: optString,
		thumbnail_available: optBoolean,
		gif_data: optString,
		gif_available: optBoolean,
		from_run_id: optString,
		marker: markerInfoSchema.nullish(),
		metadata_markers: markerMapSchema,
		field_extraction_succeeded: optBoolean,
		transcription_succeeded: optBoolean,
		image_embedding_succeeded: optBoolean,
		field_extraction_error: optString,
		transcription_error: optString,
		image_embedding_error: optString,
	})
	.passthrough();
export type Segment = z.infer<typeof segmentSchema>;
