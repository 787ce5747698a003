import { SseParser, type SseEvent, type SseParserOptions } from '../../../shared/sse/parser';

export interface Collected {
	events: SseEvent[];
	comments: string[];
	retries: number[];
}

/** A parser wired to arrays, for assertions. */
export function collectingParser(
	options: Omit<SseParserOptions, 'onEvent' | 'onComment' | 'onRetry'> = {},
) {
	const out: Collected = { events: [], comments: [], retries: [] };
	const parser = new SseParser({
		...options,
		onEvent: (event) => out.events.push(event),
		onComment: (comment) => out.comments.push(comment),
		onRetry: (retry) => out.retries.push(retry),
	});
	return { parser, out };
}

/** Feeds `bytes` cut at the given offsets, then ends the stream. */
export function parseInChunks(bytes: Uint8Array, cuts: number[]): Collected {
	const { parser, out } = collectingParser();
	let start = 0;
	for (const cut of [...cuts, bytes.length]) {
		parser.feed(bytes.subarray(start, cut));
		start = cut;
	}
	parser.end();
	return out;
}
