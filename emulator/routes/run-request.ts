import type { Emulator } from '../core/context.js';
import { invalid, notFound } from '../core/errors.js';
import type { JsonObject, PromptRec, RunSettings, VideoRec } from '../core/types.js';
import { checkEnum, checkInt, Fields, isRecord } from '../core/validation.js';
import type { RunRequest } from '../sim/run-plan.js';
import { findIndex, findVideo, writableIndex } from './lookups.js';

/**
 * ExecuteRequest (docs/api/conventions.md#execute-request) → a RunRequest: target resolution and segmentation settings, with the
 * prompt's saved `execution_config` as defaults under whatever the request sets explicitly.
 */

export const PROCESSING_MODELS = [
	'gemini-3-pro-preview',
	'gemini-2.5-pro',
	'gemini-2.5-flash',
	'gemini-2.5-flash-lite',
] as const;
const VIDEO_TYPES = ['smart', 'fixed', 'content_aware'] as const;
const AUDIO_TYPES = ['fixed', 'content_aware'] as const;

function inherited<T extends string>(
	config: JsonObject,
	key: string,
	allowed: readonly T[],
): T | undefined {
	const value = config[key];
	return typeof value === 'string' && (allowed as readonly string[]).includes(value)
		? (value as T)
		: undefined;
}

function durationFor(
	f: Fields,
	config: JsonObject,
	kind: 'video' | 'audio',
	type: string,
	explicitType: boolean,
): number | null {
	const key = `${kind}_segment_duration`;
	const given = f.optInt(key, 1, 300);
	if (given !== undefined && type !== 'fixed')
		throw invalid(key, `is only allowed when ${kind}_segmentation_type is fixed`);
	if (type !== 'fixed') return null;
	const saved =
		typeof config[key] === 'number' &&
		(!explicitType || config[`${kind}_segmentation_type`] === 'fixed')
			? (config[key] as number)
			: undefined;
	const duration = given ?? saved;
	if (duration === undefined)
		throw invalid(key, `is required when ${kind}_segmentation_type is fixed`);
	return checkInt(key, duration, 1, 300);
}

export function parseSettings(f: Fields, prompt: PromptRec): RunSettings {
	const config = prompt.execution_config ?? {};
	const videoType = f.optEnum('video_segmentation_type', VIDEO_TYPES);
	const audioType = f.optEnum('audio_segmentation_type', AUDIO_TYPES);
	const effectiveVideo =
		videoType ?? inherited(config, 'video_segmentation_type', VIDEO_TYPES) ?? 'smart';
	const effectiveAudio =
		audioType ?? inherited(config, 'audio_segmentation_type', AUDIO_TYPES) ?? 'content_aware';
	const model = f.optStr('processing_model', { min: 1 });
	if (model !== undefined) checkEnum('processing_model', model, PROCESSING_MODELS);
	const savedBool = (key: string) =>
		typeof config[key] === 'boolean' ? (config[key] as boolean) : undefined;
	return {
		video_segmentation_type: effectiveVideo,
		audio_segmentation_type: effectiveAudio,
		video_segment_duration: durationFor(
			f,
			config,
			'video',
			effectiveVideo,
			videoType !== undefined,
		),
		audio_segment_duration: durationFor(
			f,
			config,
			'audio',
			effectiveAudio,
			audioType !== undefined,
		),
		processing_model:
			model ?? inherited(config, 'processing_model', PROCESSING_MODELS) ?? 'gemini-2.5-flash',
		enable_transcription:
			f.optBool('enable_transcription') ?? savedBool('enable_transcription') ?? true,
		enable_image_embedding:
			f.optBool('enable_image_embedding') ?? savedBool('enable_image_embedding') ?? true,
	};
}

function liveMedia(emu: Emulator, ids: string[]): VideoRec[] {
	return ids
		.map((id) => emu.store.videos.get(id))
		.filter((v): v is VideoRec => v !== undefined && !v.deletion);
}

export interface ResolvedTarget {
	index_id: string | null;
	videos: VideoRec[];
	target: JsonObject;
}

export function resolveTarget(emu: Emulator, raw: unknown): ResolvedTarget {
	if (!isRecord(raw)) throw invalid('target', 'is required and must be an object');
	const t = new Fields(raw, 'target');
	const type = checkEnum('target.type', t.raw('type'), ['index', 'videos', 'playground'] as const);
	let resolved: ResolvedTarget;
	if (type === 'index') {
		const indexId = t.str('index_id', { min: 1 });
		writableIndex(emu, indexId);
		resolved = {
			index_id: indexId,
			videos: liveMedia(emu, emu.store.listingOf(indexId).all()),
			target: { type, index_id: indexId },
		};
	} else if (type === 'videos') {
		const ids = t.strArray('video_ids', { min: 1 });
		const indexId = t.optStr('index_id', { min: 1 }) ?? null;
		if (indexId) findIndex(emu, indexId);
		const videos = ids.map((id, i) => {
			const video = findVideo(emu, id);
			if (indexId && video.index_id !== indexId)
				throw invalid(`target.video_ids[${i}]`, `media ${id} is not in index ${indexId}`);
			// Per docs/api/conventions.md#execute-request, the deployed API needs the containing index for indexed media; only playground media go without.
			if (!indexId && video.index_id)
				throw invalid(
					'target.index_id',
					`is required: media ${id} lives in index ${video.index_id}`,
				);
			return video;
		});
		resolved = {
			index_id: indexId,
			videos: [...new Map(videos.map((v) => [v.video_id, v])).values()],
			target: { type, video_ids: ids, ...(indexId ? { index_id: indexId } : {}) },
		};
	} else {
		resolved = {
			index_id: null,
			videos: liveMedia(emu, emu.store.playgroundVideos.all()),
			target: { type },
		};
	}
	if (resolved.videos.length === 0) throw invalid('target', 'contains no media to process');
	return resolved;
}

export function parseExecuteRequest(emu: Emulator, body: unknown): RunRequest {
	const f = Fields.body(body);
	const promptId = f.str('prompt_id', { min: 1 });
	const prompt = emu.store.prompts.get(promptId);
	if (!prompt) throw notFound('prompt', promptId);
	const target = resolveTarget(emu, f.raw('target'));
	return { prompt, settings: parseSettings(f, prompt), ...target };
}

/** Dry-run figures for `POST /prompt-runs/estimate`. */
export function estimate(segments: number, seconds: number, media: number): JsonObject {
	const perSegment = 0.5;
	const estimated = Math.round((segments * perSegment + seconds * 0.01) * 100) / 100;
	const balance = 10_000;
	return {
		estimated_mt: estimated,
		breakdown: {
			media_count: media,
			total_segments: segments,
			total_video_seconds: Math.round(seconds * 10) / 10,
			per_segment_mt: perSegment,
			per_video_second_mt: 0.01,
		},
		sufficient_balance: estimated <= balance,
		current_balance_mt: balance,
	};
}
