import type { Emulator } from '../core/context.js';
import type { JsonObject } from '../core/types.js';
import { fieldMarkersFor, mediaUris, resultIdOf, segmentMetadata } from '../sim/run-views.js';
import type { Candidate } from './candidates.js';
import { fieldMatches, scoreText, tokenize } from './text.js';

/** SearchResult (docs/api/conventions.md#search-result-model) for one candidate segment, with whatever scores the search produced. */
export function renderSearchResult(
	emu: Emulator,
	candidate: Candidate,
	extra: JsonObject = {},
	query?: string,
	searchFields?: string[],
): JsonObject {
	const { run, segment, video } = candidate;
	const { metadata, metadata_text } = segmentMetadata(emu, run, segment);
	const matches = query ? fieldMatches(metadata, tokenize(query), searchFields) : [];
	const markers = fieldMarkersFor(emu, run.run_id);
	return {
		result_type: 'segment',
		result_id: resultIdOf(run.run_id, segment.segment_id),
		video_id: video.video_id,
		video_uri: video.video_uri,
		video_name: video.title,
		segment_id: segment.segment_id,
		start_time: segment.start_time,
		end_time: segment.end_time,
		preview_segment_id: segment.segment_id,
		preview_start_time: segment.start_time,
		preview_end_time: segment.end_time,
		preview_segment_uri: mediaUris(emu, video.video_id, segment.segment_id).segment_uri,
		preview_thumbnail_uri: mediaUris(emu, video.video_id, segment.segment_id).thumbnail_uri,
		preview_gif_uri: mediaUris(emu, video.video_id, segment.segment_id).gif_uri,
		text_content: metadata_text,
		content_preview: metadata_text.slice(0, 200),
		metadata_text,
		similarity_score: null,
		reranked_score: null,
		...mediaUris(emu, video.video_id, segment.segment_id),
		thumbnail_data: null,
		thumbnail_available: true,
		gif_data: null,
		gif_available: true,
		media_type: video.media_type,
		metadata,
		extracted_metadata: metadata,
		field_scores: Object.fromEntries(matches.map((m) => [m.path, m.score])),
		field_instance_scores: Object.fromEntries(matches.map((m, i) => [`${m.path}#${i}`, m.score])),
		matched_field_paths: [...new Set(matches.map((m) => m.path))],
		matched_field_instances: matches.map((m, i) => ({
			field_path: m.path,
			field_display_label: m.path.split('.').pop(),
			field_instance_key: `${m.path}#${i}`,
			field_instance_path: m.path,
			field_instance_display_label: m.path.split('.').pop(),
			score: m.score,
			value_preview: m.value.slice(0, 80),
		})),
		run_id: run.run_id,
		source_run_id: run.run_id,
		prompt_run_id: run.run_id,
		raw_llm_response: null,
		source_index_id: run.index_id ?? video.index_id,
		marker: null,
		extracted_metadata_markers: markers,
		...extra,
	};
}

/** Candidates with a positive text score, best first (ties: result id, so order is stable). */
export function rankByText(
	emu: Emulator,
	candidates: Candidate[],
	query: string,
	searchFields?: string[],
): Array<{ candidate: Candidate; score: number }> {
	const tokens = tokenize(query);
	const scored: Array<{ candidate: Candidate; score: number; id: string }> = [];
	for (const candidate of candidates) {
		const { metadata, metadata_text } = segmentMetadata(emu, candidate.run, candidate.segment);
		const text = searchFields?.length
			? fieldMatches(metadata, tokens, searchFields)
					.map((m) => `${m.path} ${m.value}`)
					.join(' ')
			: metadata_text;
		const { score } = scoreText(tokens, `${text} ${candidate.video.title}`);
		if (score > 0)
			scored.push({
				candidate,
				score,
				id: resultIdOf(candidate.run.run_id, candidate.segment.segment_id),
			});
	}
	scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
	return scored;
}
