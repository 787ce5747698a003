import { z } from 'zod/v3';

import {
	markerInfoSchema,
	markerMapSchema,
	openEnum,
	optBoolean,
	optNumber,
	optObject,
	optString,
	optStringArray,
} from './common';

const matchedFieldInstanceSchema = z
	.object({
		field_path: optString,
		field_display_label: optString,
		field_instance_key: optString,
		field_instance_path: optString,
		field_instance_display_label: optString,
		score: optNumber,
		value_preview: z.unknown().optional(),
	})
	.passthrough();

/** SearchResult (docs/api/conventions.md#search-result-model). `text_content` is the one required field besides the open rest. */
export const searchResultSchema = z
	.object({
		result_type: openEnum(['segment', 'video'] as const).nullish(),
		result_id: optString,
		video_id: optString,
		video_uri: optString,
		video_name: optString,
		segment_id: optString,
		start_time: optNumber,
		end_time: optNumber,
		preview_segment_id: optString,
		preview_start_time: optNumber,
		preview_end_time: optNumber,
		preview_segment_uri: optString,
		preview_thumbnail_uri: optString,
		preview_gif_uri: optString,
		text_content: z.string(),
		content_preview: optString,
		metadata_text: optString,
		similarity_score: optNumber,
		reranked_score: optNumber,
		segment_uri: optString,
		gcs_uri: optString,
		thumbnail_gcs_uri: optString,
		gif_gcs_uri: optString,
		thumbnail_uri: optString,
		thumbnail_data: optString,
		thumbnail_available: optBoolean,
		gif_uri: optString,
		gif_data: optString,
		gif_available: optBoolean,
		media_type: optString,
		metadata: optObject,
		extracted_metadata: optObject,
		field_scores: z.record(z.unknown()).nullish(),
		field_instance_scores: z.record(z.unknown()).nullish(),
		matched_field_paths: optStringArray,
		matched_field_instances: z.array(matchedFieldInstanceSchema).nullish(),
		run_id: optString,
		source_run_id: optString,
		prompt_run_id: optString,
		raw_llm_response: z.unknown().optional(),
		source_index_id: optString,
		marker: markerInfoSchema.nullish(),
		extracted_metadata_markers: markerMapSchema,
	})
	.passthrough();
export type SearchResult = z.infer<typeof searchResultSchema>;

const imageMatchFields = {
	matched_image_uri: optString,
	matched_image_gcs_uri: optString,
	matched_image_timestamp: optNumber,
	matched_image_score: optNumber,
	shot_timestamp: optNumber,
};

export const imageSearchResultSchema = searchResultSchema.extend(imageMatchFields);

export const multimodalSearchResultSchema = searchResultSchema.extend({
	...imageMatchFields,
	fused_score: z.number(),
	text_score: optNumber,
	image_score: optNumber,
	text_rank: optNumber,
	image_rank: optNumber,
	match_type: openEnum(['both', 'text_only', 'image_only'] as const).nullish(),
});
