import { describe, expect, it } from 'vitest';

import { runNode } from '../../support/run-node';
import { failureOf, path, sseFrame, streamBody } from '../../support/node-fixtures';

const event = (id: number, type = 'segment.completed') => ({
	event_id: String(id),
	event_type: type,
	user_id: 'user_1',
	run_id: 'run_1',
	video_id: 'vid_1',
	segment_id: `seg_${id}`,
	index_id: 'idx_1',
	created_at: '2026-04-20T10:00:00Z',
	payload: { n: id },
});
const frame = (id: number, type?: string) =>
	sseFrame({ id: String(id), event: type ?? 'segment.completed', data: event(id, type) });

const params = (extra: Record<string, unknown> = {}) => ({
	resource: 'processingEvent',
	operation: 'readEvents',
	maxEvents: 100,
	maxWaitSeconds: 30,
	lastEventId: '',
	filters: {},
	options: {},
	...extra,
});

describe('Processing Event: Read Events (request and items)', () => {
	it('sends the filters (arrays as repeated keys) and Last-Event-ID, and outputs one item per event', async () => {
		const { requests, output } = await runNode({
			parameters: params({
				lastEventId: '41',
				filters: {
					runId: 'run_1',
					indexId: 'idx_1',
					videoIds: 'vid_1, vid_2',
					eventTypes: 'segment.completed,prompt_run.completed',
				},
				options: { batchSize: 10 },
			}),
			respond: () => ({
				headers: { 'content-type': 'text/event-stream' },
				body: streamBody(': heartbeat\n\n', frame(42), frame(43)),
			}),
		});
		const url = new URL(requests[0].url);
		expect(`${requests[0].method} ${path(requests[0].url)}`).toBe('GET /processing/events/stream');
		expect([...url.searchParams]).toEqual([
			['run_id', 'run_1'],
			['index_id', 'idx_1'],
			['video_ids', 'vid_1'],
			['video_ids', 'vid_2'],
			['event_types', 'segment.completed'],
			['event_types', 'prompt_run.completed'],
			['batch_size', '10'],
		]);
		expect(requests[0].headers['last-event-id']).toBe('41');
		expect(requests[0].headers.accept).toBe('text/event-stream');
		expect(output.map((item) => item.json)).toEqual([event(42), event(43)]);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('stops at the Limit even when one chunk carries more', async () => {
		const { output } = await runNode({
			parameters: params({ maxEvents: 2 }),
			respond: () => ({ body: streamBody(frame(1) + frame(2) + frame(3)) }),
		});
		expect(output.map((item) => item.json.event_id)).toEqual(['1', '2']);
	});

	it('keeps an event whose data does not fit the contract, raw', async () => {
		const { output } = await runNode({
			parameters: params(),
			respond: () => ({ body: streamBody(sseFrame({ id: '7', event: 'odd', data: 'not json' })) }),
		});
		expect(output[0].json).toEqual({ event_id: '7', event_type: 'odd', data: 'not json' });
	});

	it('surfaces an expired Last-Event-ID instead of silently skipping events', async () => {
		const expired = sseFrame({
			event: 'processing.stream_error',
			data: { error: { code: 'last_event_id_expired', message: 'too old' } },
		});
		const run = runNode({
			parameters: params({ lastEventId: '3' }),
			respond: () => ({ body: streamBody(expired) }),
		});
		const error = await failureOf(run);
		expect(error.message).toContain('cannot resume from Start After Event ID');
		expect(error.description).toContain('Events after 3 may have been missed');
	});

	it('fails on another stream error, naming its code', async () => {
		const broken = sseFrame({
			event: 'processing.stream_error',
			data: { error: { code: 'internal_error', message: 'backend restarted' } },
		});
		const run = runNode({
			parameters: params(),
			respond: () => ({ body: streamBody(frame(1), broken) }),
		});
		const error = await failureOf(run);
		expect(error.message).toContain('The event stream failed: backend restarted');
		expect(error.description).toContain('Code: internal_error');
	});

	it.each([
		[{ maxEvents: 0 }, 'Limit must be a number above 0'],
		[{ maxWaitSeconds: -1 }, 'Max Wait (Seconds) must be a number above 0'],
	])('refuses bad bounds before connecting', async (override, message) => {
		const requests: unknown[] = [];
		await expect(
			runNode({
				parameters: params(override),
				respond: (r) => (requests.push(r), { body: streamBody() }),
			}),
		).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});
});
