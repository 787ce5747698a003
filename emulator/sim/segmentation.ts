import { Rng, sha256Hex } from '../core/rng.js';
import type { RunSettings, SegmentRec, VideoRec } from '../core/types.js';

/**
 * Splits media into segments. Fixed segmentation honours the requested duration exactly (the
 * last segment is shorter); smart/content-aware produce deterministic variable lengths. Segment
 * ids depend only on the media and the segmentation, so re-running with the same settings
 * reuses the same segments (`created_new_segments: false`).
 */

export function segmentationKey(video: VideoRec, settings: RunSettings): string {
	if (video.media_type === 'image') return 'image';
	if (video.media_type === 'audio') {
		return settings.audio_segmentation_type === 'fixed'
			? `audio:fixed:${settings.audio_segment_duration}`
			: 'audio:content_aware';
	}
	return settings.video_segmentation_type === 'fixed'
		? `video:fixed:${settings.video_segment_duration}`
		: `video:${settings.video_segmentation_type}`;
}

function fixedBounds(total: number, step: number): Array<[number, number]> {
	const out: Array<[number, number]> = [];
	for (let start = 0; start < total; start += step)
		out.push([start, Math.min(total, start + step)]);
	return out.length ? out : [[0, total]];
}

function variableBounds(
	total: number,
	rng: Rng,
	min: number,
	max: number,
): Array<[number, number]> {
	const out: Array<[number, number]> = [];
	let start = 0;
	while (start < total) {
		const length = min + rng.next() * (max - min);
		const end = Math.min(total, Math.round((start + length) * 100) / 100);
		out.push([start, end]);
		start = end;
	}
	return out.length ? out : [[0, total]];
}

export function boundsFor(
	seed: string,
	video: VideoRec,
	settings: RunSettings,
): Array<[number, number]> {
	const total = video.duration_seconds;
	if (video.media_type === 'image') return [[0, 0]];
	const key = segmentationKey(video, settings);
	if (video.media_type === 'audio') {
		if (settings.audio_segmentation_type === 'fixed')
			return fixedBounds(total, settings.audio_segment_duration ?? 30);
		return variableBounds(total, new Rng(`${seed}:${video.video_id}:${key}`), 8, 20);
	}
	if (settings.video_segmentation_type === 'fixed')
		return fixedBounds(total, settings.video_segment_duration ?? 10);
	return variableBounds(total, new Rng(`${seed}:${video.video_id}:${key}`), 4, 12);
}

export function segmentId(videoId: string, key: string, ordinal: number): string {
	return `seg_${sha256Hex(`${videoId}|${key}|${ordinal}`).slice(0, 20)}`;
}

export function buildSegments(
	bounds: Array<[number, number]>,
	videoId: string,
	key: string,
): SegmentRec[] {
	return bounds.map(([start, end], ordinal) => ({
		segment_id: segmentId(videoId, key, ordinal),
		video_id: videoId,
		ordinal,
		start_time: start,
		end_time: end,
		status: 'pending',
		started_at: null,
		completed_at: null,
		failure: null,
		retry_ids: [],
	}));
}
