import type { Emulator } from '../core/context.js';
import type { JsonObject, MediaType, PromptRec, VideoRec } from '../core/types.js';
import { createIndex } from '../routes/indexes.js';
import { createPrompt } from '../routes/prompts.js';
import { createMedia } from '../sim/media.js';
import { SCENE_SCHEMA } from './schemas.js';

/**
 * Fast seeding for tests: N media in an index (or the playground) and optionally one finished
 * run over them, built directly in the store — no events, no timers — so 100,000 items take
 * about a second and every listing still pages in O(page).
 */

export interface SeedIndexOptions {
	name?: string;
	/** Media to create (default 3). */
	media?: number;
	/** Segments per media in the seeded run (fixed 10 s segmentation; default 3). */
	segmentsPerMedia?: number;
	/** Create a finished run over the media (default true). */
	run?: boolean;
	/** Use an existing prompt instead of creating one. */
	promptId?: string;
	jsonSchema?: JsonObject;
	mediaType?: MediaType;
	titlePrefix?: string;
	/** Put the media in the playground instead of a new index. */
	playground?: boolean;
	/** Segment failure rate for the seeded run (default: the configured rate). */
	failureRate?: number;
}

export interface SeedIndexResult {
	index_id: string | null;
	prompt_id: string | null;
	run_id: string | null;
	video_ids: string[];
}

export function seedIndex(emu: Emulator, options: SeedIndexOptions = {}): SeedIndexResult {
	const count = options.media ?? 3;
	const perMedia = Math.max(1, options.segmentsPerMedia ?? 3);
	const mediaType = options.mediaType ?? 'video';
	const index = options.playground
		? null
		: createIndex(emu, options.name ?? `Seeded index ${emu.store.indexes.size + 1}`);
	const videos: VideoRec[] = [];
	for (let i = 0; i < count; i++) {
		videos.push(
			createMedia(emu, {
				title: `${options.titlePrefix ?? 'Seeded media'} ${i + 1}`,
				index_id: index?.index_id ?? null,
				media_type: mediaType,
				duration_seconds: mediaType === 'image' ? 0 : perMedia * 10,
				silent: true,
			}),
		);
	}
	let prompt: PromptRec | undefined;
	let runId: string | null = null;
	if (options.run !== false && count > 0) {
		prompt = options.promptId
			? emu.store.prompts.get(options.promptId)
			: createPrompt(emu, {
					name: 'Seeded scene prompt',
					prompt_text: 'Describe the scene, the people and the objects in this segment.',
					json_schema: options.jsonSchema ?? SCENE_SCHEMA,
				});
		if (!prompt) throw new RangeError(`unknown prompt ${options.promptId}`);
		const previousRate = emu.config.simulation.segmentFailureRate;
		if (options.failureRate !== undefined)
			emu.config.simulation.segmentFailureRate = options.failureRate;
		try {
			const run = emu.sims.runs.createFinished({
				prompt,
				index_id: index?.index_id ?? null,
				target: index ? { type: 'index', index_id: index.index_id } : { type: 'playground' },
				videos,
				settings: {
					video_segmentation_type: 'fixed',
					audio_segmentation_type: 'fixed',
					video_segment_duration: 10,
					audio_segment_duration: 10,
					processing_model: 'gemini-2.5-flash',
					enable_transcription: true,
					enable_image_embedding: true,
				},
			});
			runId = run.run_id;
		} finally {
			emu.config.simulation.segmentFailureRate = previousRate;
		}
	}
	return {
		index_id: index?.index_id ?? null,
		prompt_id: prompt?.prompt_id ?? null,
		run_id: runId,
		video_ids: videos.map((v) => v.video_id),
	};
}
