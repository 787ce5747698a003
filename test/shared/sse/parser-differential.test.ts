import { createParser } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';

import { seededRandom } from '../../../emulator/core/rng';
import { parseInChunks, type Collected } from './collect';

/**
 * Differential test: our byte-level parser against eventsource-parser on generated streams, cut at
 * every byte position and at random positions. eventsource-parser reports ids per block (via onId)
 * rather than the spec's persisting last-event-id, so the reference id is rebuilt from onId.
 */

const VALUES = [
	'',
	'x',
	' lead',
	'a: b',
	'{"event_id":"1","payload":{}}',
	'é',
	'🎬 emoji',
	'tab\there',
	'Ω≈ç',
	'end ',
];
const NAMES = ['prompt_run.completed', 'segment.failed', 'message', ''];
const ENDINGS = ['\n', '\r', '\r\n'];

function pick<T>(random: () => number, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)] as T;
}

function line(random: () => number): string {
	const roll = random();
	if (roll < 0.35) return `data:${pick(random, [' ', ''])}${pick(random, VALUES)}`;
	if (roll < 0.45) return `event: ${pick(random, NAMES)}`;
	if (roll < 0.55) return `id: ${pick(random, ['1', '42', 'evt_9', '', 'bad\u0000id', 'é'])}`;
	if (roll < 0.6) return `retry: ${pick(random, ['1000', '0', 'x1', '-5', '250'])}`;
	if (roll < 0.7) return `:${pick(random, [' heartbeat', '', 'x: y'])}`;
	if (roll < 0.75)
		return pick(random, ['data', 'event', 'id', 'unknown: field', 'Data: wrong case']);
	return '';
}

function generateStream(random: () => number): string {
	let text = random() < 0.2 ? '\uFEFF' : '';
	const lines = 5 + Math.floor(random() * 30);
	for (let i = 0; i < lines; i++) text += line(random) + pick(random, ENDINGS);
	// Most streams end cleanly; some stop mid-event to check that both discard it.
	return random() < 0.8 ? `${text}\n` : text;
}

function reference(text: string): Collected {
	const out: Collected = { events: [], comments: [], retries: [] };
	let lastId: string | undefined;
	const parser = createParser({
		onId: (id) => {
			lastId = id;
		},
		onEvent: (event) =>
			out.events.push({ id: lastId, event: event.event, data: event.data, retry: undefined }),
		onComment: (comment) => out.comments.push(comment),
		onRetry: (retry) => out.retries.push(retry),
	});
	parser.feed(text);
	return out;
}

/** Our events without the block-retry field, which the reference reports only through onRetry. */
function comparable(out: Collected): Collected {
	return { ...out, events: out.events.map((event) => ({ ...event, retry: undefined })) };
}

const random = seededRandom(20260420);
const corpus = Array.from({ length: 60 }, () => generateStream(random));

describe('SseParser vs eventsource-parser', () => {
	it('the corpus exercises events, comments, retries, ids and CR line ends', () => {
		const all = corpus.map(reference);
		expect(all.reduce((n, out) => n + out.events.length, 0)).toBeGreaterThan(100);
		expect(all.some((out) => out.comments.length > 0)).toBe(true);
		expect(all.some((out) => out.retries.length > 0)).toBe(true);
		expect(all.some((out) => out.events.some((event) => event.id !== undefined))).toBe(true);
		expect(corpus.some((text) => /\r(?!\n)/.test(text))).toBe(true);
	});

	it('agrees when each stream is split at every byte position', () => {
		for (const text of corpus) {
			const bytes = new TextEncoder().encode(text);
			const expected = reference(text);
			for (let cut = 0; cut <= bytes.length; cut++) {
				const ours = comparable(parseInChunks(bytes, [cut]));
				if (JSON.stringify(ours) !== JSON.stringify(expected)) {
					expect({ text, cut, ours }).toEqual({ text, cut, ours: expected });
				}
			}
		}
	});

	it('agrees for random multi-way splits and byte-by-byte feeding', () => {
		const cuts = seededRandom(7);
		for (const text of corpus) {
			const bytes = new TextEncoder().encode(text);
			const expected = reference(text);
			for (let trial = 0; trial < 20; trial++) {
				const positions = Array.from({ length: 1 + Math.floor(cuts() * 12) }, () =>
					Math.floor(cuts() * bytes.length),
				);
				positions.sort((a, b) => a - b);
				expect(comparable(parseInChunks(bytes, positions))).toEqual(expected);
			}
			const everyByte = Array.from({ length: bytes.length }, (_, i) => i);
			expect(comparable(parseInChunks(bytes, everyByte))).toEqual(expected);
		}
	});
});
