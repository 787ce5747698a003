import { describe, expect, it } from 'vitest';

import { interpretProcessingEvent } from '../../../shared/sse/processing-event';
import { parseInChunks } from './collect';

function eventsOf(stream: string) {
	return parseInChunks(new TextEncoder().encode(stream), []).events.map(interpretProcessingEvent);
}

describe('interpretProcessingEvent (docs/api/conventions.md#processing-event-stream)', () => {
	it('parses a processing event and keeps the SSE id for Last-Event-ID', () => {
		const data = {
			event_id: '101',
			event_type: 'segment.completed',
			run_id: 'run_1',
			video_id: 'vid_1',
			payload: { n: 1 },
			extra: true,
		};
		const [item] = eventsOf(
			`: heartbeat\nid: 101\nevent: segment.completed\ndata: ${JSON.stringify(data)}\n\n`,
		);
		expect(item).toEqual({ kind: 'event', event: data, id: '101' });
	});

	it('recognises processing.stream_error with last_event_id_expired', () => {
		const [item] = eventsOf(
			'event: processing.stream_error\ndata: {"error":{"code":"last_event_id_expired","message":"Resume point too old"}}\n\n',
		);
		expect(item).toEqual({
			kind: 'stream_error',
			code: 'last_event_id_expired',
			message: 'Resume point too old',
			lastEventIdExpired: true,
		});
	});

	it('other stream errors, also with unreadable data, are stream errors but not expiry', () => {
		const [known, garbled] = eventsOf(
			'event: processing.stream_error\ndata: {"error":{"code":"internal"}}\n\nevent: processing.stream_error\ndata: oops\n\n',
		);
		expect(known).toEqual({
			kind: 'stream_error',
			code: 'internal',
			message: undefined,
			lastEventIdExpired: false,
		});
		expect(garbled).toMatchObject({ kind: 'stream_error', lastEventIdExpired: false });
	});

	it('reports data that is not JSON or misses required fields as invalid', () => {
		const [notJson, noId] = eventsOf('data: hello\n\ndata: {"event_type":"x"}\n\n');
		expect(notJson).toEqual({ kind: 'invalid', reason: 'data is not JSON' });
		expect(noId).toMatchObject({ kind: 'invalid' });
		expect((noId as { reason: string }).reason).toMatch(/event_id/);
	});
});
