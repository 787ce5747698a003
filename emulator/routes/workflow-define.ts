import type { JsonObject } from '../core/types.js';

/**
 * `POST /workflow/define` without a model: the JSON Schema is assembled from the topics the
 * instruction mentions (people, objects, places, mood, actions, colours, text on screen…),
 * always with a `summary`. Deterministic for a given instruction.
 */

const TOPICS: Array<{ pattern: RegExp; key: string; schema: JsonObject }> = [
	{
		pattern: /people|person|who|speaker|face/i,
		key: 'people',
		schema: {
			type: 'array',
			items: {
				type: 'object',
				properties: { name: { type: 'string' }, emotion: { type: 'string' } },
			},
		},
	},
	{
		pattern: /object|item|product|thing/i,
		key: 'objects',
		schema: { type: 'array', items: { type: 'string' } },
	},
	{ pattern: /place|location|where|setting|scene/i, key: 'location', schema: { type: 'string' } },
	{
		pattern: /mood|emotion|sentiment|tone|feel/i,
		key: 'mood',
		schema: { type: 'string', enum: ['happy', 'calm', 'tense', 'excited', 'sad', 'neutral'] },
	},
	{
		pattern: /action|activity|doing|happen/i,
		key: 'actions',
		schema: { type: 'array', items: { type: 'string' } },
	},
	{ pattern: /colou?r/i, key: 'dominant_color', schema: { type: 'string' } },
	{ pattern: /text|caption|sign|logo|brand/i, key: 'on_screen_text', schema: { type: 'string' } },
	{
		pattern: /count|how many|number/i,
		key: 'count',
		schema: { type: 'integer', minimum: 0, maximum: 50 },
	},
	{
		pattern: /safe|unsafe|violence|nsfw|brand safety/i,
		key: 'is_safe',
		schema: { type: 'boolean' },
	},
];

export function definePrompt(instruction: string): {
	name: string;
	prompt_text: string;
	json_schema: JsonObject;
} {
	const properties: JsonObject = {
		summary: { type: 'string', description: 'One-sentence summary of the segment' },
	};
	for (const topic of TOPICS)
		if (topic.pattern.test(instruction)) properties[topic.key] = topic.schema;
	const words = instruction.trim().split(/\s+/).slice(0, 6).join(' ');
	const name = `Defined: ${words}`.slice(0, 100).padEnd(3, '.');
	const promptText = `Watch the segment and answer precisely. Task: ${instruction.trim()}`.slice(
		0,
		5000,
	);
	return {
		name,
		prompt_text: promptText.padEnd(10, '.'),
		json_schema: { type: 'object', properties, required: ['summary'] },
	};
}
