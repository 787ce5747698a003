import { isRecord } from '../core/validation.js';

/** Token-overlap scoring: the share of distinct query tokens found in the document text. */

const STOP_WORDS = new Set([
	'a',
	'an',
	'the',
	'of',
	'in',
	'on',
	'at',
	'and',
	'or',
	'with',
	'is',
	'are',
	'to',
	'for',
	'by',
	'from',
	'it',
	'this',
	'that',
	'show',
	'me',
	'find',
]);

export function tokenize(text: string): string[] {
	return text
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter((token) => token.length > 0 && !STOP_WORDS.has(token));
}

export interface TextScore {
	score: number;
	matchedTokens: string[];
}

export function scoreText(queryTokens: string[], text: string): TextScore {
	const distinct = [...new Set(queryTokens)];
	if (distinct.length === 0) return { score: 0, matchedTokens: [] };
	const doc = new Set(tokenize(text));
	const matched = distinct.filter((token) => doc.has(token));
	return {
		score: Math.round((matched.length / distinct.length) * 10_000) / 10_000,
		matchedTokens: matched,
	};
}

/** Leaf values with their dotted paths (array indexes dropped): `scene.people.emotion`. */
export function leafEntries(
	metadata: unknown,
	prefix = '',
): Array<{ path: string; value: string }> {
	if (Array.isArray(metadata)) return metadata.flatMap((item) => leafEntries(item, prefix));
	if (isRecord(metadata))
		return Object.entries(metadata).flatMap(([key, value]) =>
			leafEntries(value, prefix ? `${prefix}.${key}` : key),
		);
	if (metadata === null || metadata === undefined) return [];
	return [{ path: prefix, value: String(metadata) }];
}

/** Which metadata fields contain any matched token: feeds `matched_field_paths` / `field_scores`. */
export function fieldMatches(
	metadata: unknown,
	queryTokens: string[],
	searchFields?: string[],
): Array<{ path: string; value: string; score: number }> {
	const distinct = [...new Set(queryTokens)];
	if (distinct.length === 0) return [];
	return leafEntries(metadata)
		.filter(
			(entry) =>
				!searchFields?.length ||
				searchFields.some((field) => entry.path === field || entry.path.startsWith(`${field}.`)),
		)
		.map((entry) => ({
			...entry,
			score: scoreText(distinct, `${entry.path.split('.').pop()} ${entry.value}`).score,
		}))
		.filter((entry) => entry.score > 0);
}
