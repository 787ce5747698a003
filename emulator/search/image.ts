import { invalid } from '../core/errors.js';
import { sha256Hex, stableFraction } from '../core/rng.js';
import { resultIdOf } from '../sim/run-views.js';
import type { Candidate } from './candidates.js';

/**
 * Image similarity without a model: the image bytes are hashed and every segment gets a stable
 * score from (image hash, segment id). Same image → same ranking; different image → different.
 */

export function decodeImage(field: string, value: unknown): Buffer {
	if (typeof value !== 'string' || value.trim() === '')
		throw invalid(field, 'is required (base64 image bytes)');
	const body = value.replace(/^data:[^;]+;base64,/, '').replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(body)) throw invalid(field, 'must be base64');
	const bytes = Buffer.from(body, 'base64');
	if (bytes.length === 0) throw invalid(field, 'decodes to no bytes');
	return bytes;
}

export function rankByImage(
	candidates: Candidate[],
	image: Buffer,
): Array<{ candidate: Candidate; score: number }> {
	const imageHash = sha256Hex(image);
	return candidates
		.map((candidate) => ({
			candidate,
			score:
				Math.round(
					(0.35 + 0.65 * stableFraction(imageHash, candidate.segment.segment_id)) * 10_000,
				) / 10_000,
			id: resultIdOf(candidate.run.run_id, candidate.segment.segment_id),
		}))
		.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

export function imageFields(candidate: Candidate, score: number) {
	const timestamp =
		Math.round(((candidate.segment.start_time + candidate.segment.end_time) / 2) * 100) / 100;
	return {
		matched_image_uri: `gs://videovector-emulator-managed/frames/${candidate.segment.segment_id}.jpg`,
		matched_image_gcs_uri: `gs://videovector-emulator-managed/frames/${candidate.segment.segment_id}.jpg`,
		matched_image_timestamp: timestamp,
		matched_image_score: score,
		shot_timestamp: timestamp,
	};
}
