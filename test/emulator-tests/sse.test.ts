import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, waitFor, type TestEmulator } from './helpers.js';
import { SseClient } from './sse-client.js';

const STREAM = '/processing/events/stream';

describe('processing event stream (docs/api/conventions.md#processing-event-stream)', () => {
	let t: TestEmulator;
	const clients: SseClient[] = [];
	beforeEach(async () => {
		t = await startTestEmulator({
			config: { sse: { heartbeatMs: 60_000, retryMs: 2_500, retention: 10_000 } },
		});
	});
	afterEach(async () => {
		for (const client of clients.splice(0)) client.close();
		await t.close();
	});

	const open = async (
		query: Record<string, string | string[]> = {},
		headers: Record<string, string> = {},
	) => {
		const client = await SseClient.open(
			t.emu.baseUrl,
			STREAM,
			{ 'x-api-key': t.emu.apiKey, ...headers },
			query,
		);
		clients.push(client);
		await waitFor(() => t.emu.control.sse.openConnections() >= 1 || client.outcome !== 'open');
		return client;
	};
	const emit = (type: string, fields: Record<string, unknown> = {}) =>
		t.emu.control.events.emit(type, fields);

	it('is live-only without Last-Event-ID, frames id/event/data, sends retry:, and counts connections', async () => {
		emit('prompt_run.started', { run_id: 'run_before' });
		const client = await open();
		expect(client.status).toBe(200);
		expect(t.emu.control.sse.openConnections()).toBe(1);
		const id = emit('prompt_run.progress', {
			run_id: 'run_a',
			index_id: 'idx_a',
			payload: { completed_segments: 2 },
		});
		const [event] = await client.waitForEvents(1);
		expect(event!.id).toBe(id);
		expect(event!.event).toBe('prompt_run.progress');
		const data = client.json(0);
		expect(data).toMatchObject({
			event_id: id,
			event_type: 'prompt_run.progress',
			run_id: 'run_a',
			index_id: 'idx_a',
			user_id: 'usr_demo',
			payload: { completed_segments: 2 },
		});
		expect(Object.keys(data).sort()).toEqual([
			'created_at',
			'event_id',
			'event_type',
			'index_id',
			'payload',
			'run_id',
			'segment_id',
			'user_id',
			'video_id',
		]);
		expect(client.retry).toBe(2_500);
		client.close();
		await waitFor(() => t.emu.control.sse.openConnections() === 0);
	});

	it('applies run_id, index_id, repeated video_ids and event_types filters', async () => {
		const client = await open({
			index_id: 'idx_1',
			video_ids: ['vid_a', 'vid_b'],
			event_types: ['segment.completed', 'segment.failed'],
		});
		emit('segment.completed', { index_id: 'idx_1', video_id: 'vid_a' });
		emit('segment.completed', { index_id: 'idx_2', video_id: 'vid_a' });
		emit('segment.completed', { index_id: 'idx_1', video_id: 'vid_c' });
		emit('media.created', { index_id: 'idx_1', video_id: 'vid_b' });
		emit('segment.failed', { index_id: 'idx_1', video_id: 'vid_b' });
		const byRun = await open({ run_id: 'run_x' });
		emit('prompt_run.progress', { run_id: 'run_y' });
		emit('prompt_run.progress', { run_id: 'run_x' });
		await client.waitForEvents(2);
		await byRun.waitForEvents(1);
		expect(
			client.events.map((e) => `${e.event}:${client.json(client.events.indexOf(e)).video_id}`),
		).toEqual(['segment.completed:vid_a', 'segment.failed:vid_b']);
		expect(byRun.events).toHaveLength(1);
		expect(byRun.json(0).run_id).toBe('run_x');
	});

	it('replays after Last-Event-ID with no gap and no duplicate at the seam', async () => {
		const first = await open();
		const ids = Array.from({ length: 5 }, (_, i) =>
			emit('prompt_run.progress', { run_id: 'r', payload: { i } }),
		);
		await first.waitForEvents(5);
		first.close();
		await waitFor(() => t.emu.control.sse.openConnections() === 0);
		const missed = Array.from({ length: 4 }, (_, i) =>
			emit('prompt_run.progress', { run_id: 'r', payload: { i: 5 + i } }),
		);
		const resumed = await open({}, { 'last-event-id': ids[2] as string });
		const live = emit('prompt_run.progress', { run_id: 'r', payload: { i: 9 } });
		await resumed.waitForEvents(7);
		expect(resumed.events.map((e) => e.id)).toEqual([ids[3], ids[4], ...missed, live]);
	});

	it('answers an id outside the retention window (or unknown) with last_event_id_expired, then closes', async () => {
		t.emu.control.config.update({ sse: { retention: 20 } });
		const old = emit('prompt_run.progress');
		for (let i = 0; i < 25; i++) emit('prompt_run.progress');
		for (const lastId of [old, '999999999999', 'garbage']) {
			const client = await open({}, { 'last-event-id': lastId });
			await client.waitForEvents(1);
			expect(client.events[0]!.event).toBe('processing.stream_error');
			expect(client.json(0).error.code).toBe('last_event_id_expired');
			expect(await client.waitForClose()).toBe('end');
		}
		const latest = t.emu.control.events.latestId() as string;
		const edge = String(Number(latest) - 20).padStart(12, '0');
		const ok = await open({}, { 'last-event-id': edge });
		await ok.waitForEvents(20);
		expect(ok.events.every((e) => e.event === 'prompt_run.progress')).toBe(true);
	});

	it('sends heartbeat comments at the configured interval', async () => {
		t.emu.control.config.update({ sse: { heartbeatMs: 20 } });
		const client = await open();
		await waitFor(() => client.comments.filter((c) => c === 'heartbeat').length >= 2);
		expect(client.events).toHaveLength(0);
	});

	it('sends a heartbeat comment on demand, in process and over the control API', async () => {
		const client = await open();
		expect(t.emu.control.sse.heartbeat()).toBe(1);
		await waitFor(() => client.comments.filter((c) => c === 'heartbeat').length === 1);
		const response = await fetch(`${t.emu.origin}/_emulator/sse/heartbeat`, { method: 'POST' });
		expect(await response.json()).toEqual({ streams: 1 });
		await waitFor(() => client.comments.filter((c) => c === 'heartbeat').length === 2);
		expect(client.events).toHaveLength(0);
	});

	it('cuts the stream after N events, or mid-event, when the fault is armed', async () => {
		t.emu.control.faults.sse({ afterEvents: 2, mode: 'cut', connections: 1 });
		const cut = await open();
		for (let i = 0; i < 4; i++) emit('prompt_run.progress');
		expect(await cut.waitForClose()).toBe('error');
		expect(cut.events).toHaveLength(2);

		t.emu.control.faults.sse({ afterEvents: 1, mode: 'cut_mid_event', connections: 1 });
		const torn = await open();
		emit('prompt_run.progress');
		emit('prompt_run.completed', { run_id: 'run_torn' });
		expect(await torn.waitForClose()).toBe('error');
		expect(torn.events).toHaveLength(1);
		expect(torn.partial).toContain('id: ');
		expect(torn.partial.endsWith('\n\n')).toBe(false);

		const healthy = await open();
		emit('prompt_run.progress');
		await healthy.waitForEvents(1);
	});

	it('emits processing.stream_error on demand and as a fault', async () => {
		const client = await open();
		expect(t.emu.control.sse.streamError('upstream_unavailable', 'gone')).toBe(1);
		await client.waitForEvents(1);
		expect(client.events[0]!.event).toBe('processing.stream_error');
		expect(client.json(0)).toEqual({ error: { code: 'upstream_unavailable', message: 'gone' } });
		expect(await client.waitForClose()).toBe('end');
	});

	it('streams the events of a real run', async () => {
		const { index_id } = t.emu.control.seed.index({ media: 1, run: false });
		const prompt = await t.call('POST', '/prompts', {
			body: {
				name: 'sse prompt',
				prompt_text: 'Describe the scene.',
				json_schema: { type: 'object', properties: { summary: { type: 'string' } } },
			},
		});
		const client = await open({ index_id: index_id as string });
		const run = await t.call('POST', '/prompt-runs/execute', {
			body: { prompt_id: prompt.body.prompt_id, target: { type: 'index', index_id } },
		});
		t.emu.control.clock.runAll();
		await waitFor(() => client.events.some((e) => e.event === 'prompt_run.completed'));
		const types = client.events.map((e) => e.event);
		expect(types[0]).toBe('prompt_run.started');
		expect(types).toContain('media.processing.started');
		expect(types).toContain('segment.completed');
		expect(types).toContain('media.processing.completed');
		expect(types.at(-1)).toBe('prompt_run.completed');
		const ids = client.events.map((e) => Number(e.id));
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		expect(client.json(0).run_id).toBe(run.body.run_id);
	});
});
