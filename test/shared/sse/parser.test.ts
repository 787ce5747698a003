import { describe, expect, it } from 'vitest';

import { SseBufferOverflowError } from '../../../shared/sse/parser';
import { collectingParser, parseInChunks } from './collect';

const utf8 = (text: string) => new TextEncoder().encode(text);
const parse = (text: string) => parseInChunks(utf8(text), []);

describe('SseParser fields', () => {
	it('dispatches id, event, data and the block retry', () => {
		const out = parse('id: 7\nevent: prompt_run.completed\nretry: 2500\ndata: {"a":1}\n\n');
		expect(out.events).toEqual([
			{ id: '7', event: 'prompt_run.completed', data: '{"a":1}', retry: 2500 },
		]);
		expect(out.retries).toEqual([2500]);
	});

	it('joins multi-line data with LF and strips exactly one leading space', () => {
		expect(parse('data: a\ndata:  b\ndata:c\ndata\ndata:\n\n').events[0]?.data).toBe(
			'a\n b\nc\n\n',
		);
	});

	it('does not dispatch a block without data, but `data:` with nothing dispatches ""', () => {
		const out = parse('event: x\nid: 1\n\ndata:\n\n');
		expect(out.events).toEqual([{ id: '1', event: undefined, data: '', retry: undefined }]);
	});

	it('surfaces comments (heartbeats) without dispatching', () => {
		const out = parse(': heartbeat\n:no-space\n:\n\n');
		expect(out.comments).toEqual(['heartbeat', 'no-space', '']);
		expect(out.events).toEqual([]);
	});

	it('keeps the last event id across events; empty id resets it; NUL ids are ignored', () => {
		const out = parse('id: a\ndata: 1\n\ndata: 2\n\nid: b\u0000c\ndata: 3\n\nid\ndata: 4\n\n');
		expect(out.events.map((e) => e.id)).toEqual(['a', 'a', 'a', '']);
	});

	it('ignores invalid retry values, unknown fields and wrongly-cased names', () => {
		const out = parse('retry: 10s\nretry: -1\nfoo: bar\nData: x\nEvent: y\ndata: ok\n\n');
		expect(out.retries).toEqual([]);
		expect(out.events).toEqual([{ id: undefined, event: undefined, data: 'ok', retry: undefined }]);
	});

	it('keeps colons inside values', () => {
		expect(parse('data: a: b:c\n\n').events[0]?.data).toBe('a: b:c');
	});
});

describe('SseParser framing', () => {
	it('accepts CR, LF and CRLF line endings, mixed', () => {
		const out = parse('data: a\r\rdata: b\n\ndata: c\r\n\r\ndata: d\r\ndata: e\n\r');
		expect(out.events.map((e) => e.data)).toEqual(['a', 'b', 'c', 'd\ne']);
	});

	it('treats a CRLF split across chunks as one line break', () => {
		const bytes = utf8('data: a\r\ndata: b\r\n\r\n');
		const out = parseInChunks(bytes, [8, 9, 18, 19]);
		expect(out.events.map((e) => e.data)).toEqual(['a\nb']);
	});

	it('decodes a multi-byte character split across chunks', () => {
		const bytes = utf8('data: é🎬x\n\n');
		for (let cut = 1; cut < bytes.length; cut++) {
			expect(parseInChunks(bytes, [cut]).events[0]?.data).toBe('é🎬x');
		}
		expect(
			parseInChunks(
				bytes,
				Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
			).events[0]?.data,
		).toBe('é🎬x');
	});

	it('drops one BOM at the start (also when split), not later ones', () => {
		const bytes = utf8('\uFEFFdata: a\n\n\uFEFFdata: b\n\ndata: c\n\n');
		for (const cuts of [[], [1], [2], [1, 2]]) {
			expect(parseInChunks(bytes, cuts).events.map((e) => e.data)).toEqual(['a', 'c']);
		}
	});

	it('discards an unterminated event at end of stream', () => {
		expect(parse('data: complete\n\ndata: partial\n').events.map((e) => e.data)).toEqual([
			'complete',
		]);
		expect(parse('data: partial').events).toEqual([]);
	});

	it('accepts already-decoded strings', () => {
		const { parser, out } = collectingParser();
		parser.feed('data: x\r');
		parser.feed('\n\r\n');
		expect(out.events.map((e) => e.data)).toEqual(['x']);
	});
});

describe('SseParser lifecycle', () => {
	it('reset() drops partial input but keeps the last event id (spec: it survives reconnects)', () => {
		const { parser, out } = collectingParser();
		parser.feed(utf8('id: 41\ndata: done\n\ndata: half'));
		parser.reset();
		expect(parser.lastEventId).toBe('41');
		parser.feed(utf8('data: fresh\n\n'));
		expect(out.events.map((e) => [e.id, e.data])).toEqual([
			['41', 'done'],
			['41', 'fresh'],
		]);
		parser.reset({ lastEventId: undefined });
		expect(parser.lastEventId).toBeUndefined();
	});

	it('starts from a restored last event id', () => {
		const { parser, out } = collectingParser({ lastEventId: 'evt_9' });
		parser.feed(utf8('data: x\n\n'));
		expect(out.events[0]?.id).toBe('evt_9');
	});

	it('end() leaves the parser ready for a new stream (BOM handled again)', () => {
		const { parser, out } = collectingParser();
		parser.feed(utf8('data: 1\n\n'));
		parser.end();
		parser.feed(utf8('\uFEFFdata: 2\n\n'));
		expect(out.events.map((e) => e.data)).toEqual(['1', '2']);
	});

	it('refuses to buffer more than maxBufferSize', () => {
		const { parser } = collectingParser({ maxBufferSize: 64 });
		expect(() => parser.feed(utf8(`data: ${'x'.repeat(100)}`))).toThrow(SseBufferOverflowError);
		const many = collectingParser({ maxBufferSize: 64 });
		expect(() => many.parser.feed(utf8('data: 0123456789\n'.repeat(10)))).toThrow(
			SseBufferOverflowError,
		);
	});
});
