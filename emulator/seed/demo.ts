import type { Emulator } from '../core/context.js';
import type { MediaType } from '../core/types.js';
import { createIndex } from '../routes/indexes.js';
import { createPrompt } from '../routes/prompts.js';
import { createMedia } from '../sim/media.js';
import { SCENE_SCHEMA, VIDEO_LEVEL_SCHEMA } from './schemas.js';

/** What a fresh `npm start` shows: an index with a few media, a prompt, and a finished run. */

const DEMO_MEDIA: Array<[string, MediaType]> = [
	['Product launch keynote', 'video'],
	['Warehouse safety walkthrough', 'video'],
	['Cooking show episode 12', 'video'],
	['Weekly standup podcast', 'audio'],
];

export function seedDemo(emu: Emulator): void {
	const index = createIndex(emu, 'Demo videos', 'Sample media seeded by the VideoVector emulator');
	const videos = DEMO_MEDIA.map(([title, type]) =>
		createMedia(emu, { title, index_id: index.index_id, media_type: type, silent: true }),
	);
	createMedia(emu, { title: 'Playground clip', index_id: null, media_type: 'video', silent: true });
	const prompt = createPrompt(emu, {
		name: 'Scene analysis',
		description: 'Location, people, objects and mood of each segment, plus a per-media synopsis',
		prompt_text:
			'Describe where the segment takes place, who appears and how they feel, and which objects are visible.',
		json_schema: SCENE_SCHEMA,
		video_level: {
			instructions_text: 'Summarise the whole media item from its segments.',
			included_segment_fields: ['summary', 'scene.location'],
			json_schema: VIDEO_LEVEL_SCHEMA,
		},
	});
	emu.sims.runs.createFinished({
		prompt,
		index_id: index.index_id,
		target: { type: 'index', index_id: index.index_id },
		videos,
		settings: {
			video_segmentation_type: 'content_aware',
			audio_segmentation_type: 'content_aware',
			video_segment_duration: null,
			audio_segment_duration: null,
			processing_model: 'gemini-2.5-flash',
			enable_transcription: true,
			enable_image_embedding: true,
		},
	});
}
