import { Rng } from '../core/rng.js';
import { isRecord } from '../core/validation.js';
import type { JsonObject } from '../core/types.js';

/**
 * Plausible, deterministic metadata shaped by a prompt's JSON Schema: the same schema + seed
 * always give the same values. Field names pick the vocabulary (a `location` gets places, an
 * `emotion` gets feelings) so token-overlap search has something meaningful to match.
 */

const VOCABULARY: Array<[RegExp, string[]]> = [
	[
		/location|place|setting|room|venue/i,
		[
			'kitchen',
			'office',
			'beach',
			'warehouse',
			'street',
			'park',
			'studio',
			'stadium',
			'forest',
			'classroom',
		],
	],
	[
		/emotion|mood|sentiment|feeling|tone/i,
		['happy', 'calm', 'tense', 'excited', 'sad', 'neutral', 'surprised', 'focused'],
	],
	[
		/person|people|name|speaker|actor/i,
		['Alice', 'Bob', 'Carmen', 'Deepak', 'Elena', 'Farid', 'Grace', 'Hiro'],
	],
	[
		/object|item|product|thing/i,
		[
			'laptop',
			'bicycle',
			'coffee cup',
			'car',
			'dog',
			'guitar',
			'forklift',
			'camera',
			'ball',
			'umbrella',
		],
	],
	[
		/action|activity|event/i,
		['walking', 'cooking', 'presenting', 'running', 'talking', 'driving', 'assembling', 'dancing'],
	],
	[/colou?r/i, ['red', 'blue', 'green', 'yellow', 'black', 'white', 'orange']],
	[/weather/i, ['sunny', 'rainy', 'cloudy', 'snowy', 'foggy']],
	[/time_of_day|daytime|lighting/i, ['morning', 'noon', 'evening', 'night']],
	[/brand|logo/i, ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli']],
	[
		/category|genre|type|kind|label/i,
		['tutorial', 'interview', 'sports', 'news', 'advertisement', 'vlog'],
	],
	[/language/i, ['en', 'es', 'fr', 'de', 'ja']],
];
const GENERIC = [
	'scene',
	'people',
	'outdoor',
	'indoor',
	'crowd',
	'vehicle',
	'music',
	'meeting',
	'product',
	'demo',
	'city',
	'night',
	'water',
];
const SENTENCE_HINT = /summary|description|caption|transcript|text|notes|narrative|story/i;

function wordsFor(fieldName: string): string[] {
	for (const [pattern, words] of VOCABULARY) if (pattern.test(fieldName)) return words;
	return GENERIC;
}

function sentence(rng: Rng): string {
	const subject = rng.pick(VOCABULARY[2]![1]);
	const action = rng.pick(VOCABULARY[4]![1]);
	const place = rng.pick(VOCABULARY[0]![1]);
	const object = rng.pick(VOCABULARY[3]![1]);
	return `${subject} is ${action} in the ${place} with a ${object}.`;
}

function schemaType(schema: JsonObject): string | undefined {
	const type = schema.type;
	if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined;
	if (typeof type === 'string') return type;
	if (isRecord(schema.properties)) return 'object';
	if (schema.items !== undefined) return 'array';
	return undefined;
}

function generate(schema: unknown, rng: Rng, fieldName: string, depth: number): unknown {
	if (!isRecord(schema) || depth > 6) return null;
	if (Array.isArray(schema.enum) && schema.enum.length > 0) return rng.pick(schema.enum);
	if (schema.const !== undefined) return schema.const;
	const variants = (schema.anyOf ?? schema.oneOf) as unknown;
	if (Array.isArray(variants) && variants.length > 0) {
		const first = variants.find((v) => isRecord(v) && v.type !== 'null') ?? variants[0];
		return generate(first, rng, fieldName, depth + 1);
	}
	switch (schemaType(schema)) {
		case 'object': {
			const out: JsonObject = {};
			const props = isRecord(schema.properties) ? schema.properties : {};
			for (const [key, sub] of Object.entries(props)) out[key] = generate(sub, rng, key, depth + 1);
			return out;
		}
		case 'array': {
			const min = typeof schema.minItems === 'number' ? schema.minItems : 1;
			const max = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(min, 3);
			const count = rng.int(min, Math.max(min, Math.min(max, min + 3)));
			const itemName = fieldName.replace(/s$/, '');
			return Array.from({ length: count }, () =>
				generate(schema.items ?? { type: 'string' }, rng, itemName, depth + 1),
			);
		}
		case 'integer': {
			const min = typeof schema.minimum === 'number' ? Math.ceil(schema.minimum) : 0;
			const max = typeof schema.maximum === 'number' ? Math.floor(schema.maximum) : min + 10;
			return rng.int(min, Math.max(min, max));
		}
		case 'number': {
			const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
			const max = typeof schema.maximum === 'number' ? schema.maximum : min + 1;
			return Math.round((min + rng.next() * (max - min)) * 1000) / 1000;
		}
		case 'boolean':
			return rng.bool();
		case 'string': {
			if (schema.format === 'date-time')
				return new Date(Date.UTC(2025, 0, 1) + rng.int(0, 365 * 86400) * 1000).toISOString();
			const value = SENTENCE_HINT.test(fieldName) ? sentence(rng) : rng.pick(wordsFor(fieldName));
			return typeof schema.maxLength === 'number' ? value.slice(0, schema.maxLength) : value;
		}
		default:
			return null;
	}
}

export function generateMetadata(schema: unknown, seed: string): JsonObject {
	const value = generate(schema, new Rng(seed), '', 0);
	return isRecord(value) ? value : { value };
}

/** "key: value" lines over the leaves; what text search scores against. */
export function metadataText(metadata: unknown): string {
	const parts: string[] = [];
	const walk = (value: unknown, key: string) => {
		if (Array.isArray(value)) value.forEach((item) => walk(item, key));
		else if (isRecord(value)) for (const [k, v] of Object.entries(value)) walk(v, k);
		else if (value !== null && value !== undefined)
			parts.push(key ? `${key}: ${String(value)}` : String(value));
	};
	walk(metadata, '');
	return parts.join('. ');
}

/** Dotted leaf paths of a schema, with `[]` for arrays (SQL catalog, metadata_keys). */
export function schemaFieldPaths(schema: unknown, prefix = '', depth = 0): string[] {
	if (!isRecord(schema) || depth > 6) return [];
	const type = schemaType(schema);
	if (type === 'object' && isRecord(schema.properties)) {
		return Object.entries(schema.properties).flatMap(([key, sub]) =>
			schemaFieldPaths(sub, prefix ? `${prefix}.${key}` : key, depth + 1),
		);
	}
	if (type === 'array') {
		const inner = schemaFieldPaths(schema.items, `${prefix}[]`, depth + 1);
		return inner.length ? inner : [prefix];
	}
	return prefix ? [prefix] : [];
}
