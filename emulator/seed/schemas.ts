import type { JsonObject } from '../core/types.js';

/** The prompt schema used by the demo data and by `control.seed.index` unless told otherwise. */
export const SCENE_SCHEMA: JsonObject = {
	type: 'object',
	properties: {
		summary: { type: 'string' },
		scene: {
			type: 'object',
			properties: {
				location: { type: 'string' },
				people: {
					type: 'array',
					items: {
						type: 'object',
						properties: { name: { type: 'string' }, emotion: { type: 'string' } },
					},
				},
				objects: { type: 'array', items: { type: 'string' } },
			},
		},
		mood: { type: 'string', enum: ['happy', 'calm', 'tense', 'excited', 'sad', 'neutral'] },
		people_count: { type: 'integer', minimum: 0, maximum: 12 },
		is_safe: { type: 'boolean' },
	},
	required: ['summary', 'scene'],
};

export const VIDEO_LEVEL_SCHEMA: JsonObject = {
	type: 'object',
	properties: {
		synopsis: { type: 'string' },
		category: { type: 'string' },
		main_locations: { type: 'array', items: { type: 'string' } },
	},
};
