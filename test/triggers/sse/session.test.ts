/**
 * The event-stream session on its own, over real HTTP to scripted servers: the server's `retry:`
 * and the capped backoff, repeated events, events off the contract, the replay hold, and that it
 * reads no further than it has delivered.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { Rng } from '../../../emulator/core/rng';
import { endpointRequest } from '../../../shared/contract/endpoint-request';
import { ApiSession } from '../../../shared/n8n/api-session';
import { openSseStream, type SseBody } from '../../../shared/n8n/sse-connection';
import type { DeliveryUnit } from '../../../triggers/VideoVectorSseTrigger/delivery-units';
import {
	runEventStream,
	type EventStreamHooks,
	type EventStreamOptions,
} from '../../../triggers/VideoVectorSseTrigger/event-stream-session';
import { ReconnectBackoff } from '../../../triggers/VideoVectorSseTrigger/reconnect-backoff';
import { createExecuteContext } from '../../support/execute-context';
import { TEST_API_KEY } from '../../support/run-node';
import { eventFrame, startSseServer, type ScriptedServer } from './support/sse-server';

const servers: ScriptedServer[] = [];

afterEach(async () => {
	await Promise.all(servers.splice(0).map(async (server) => await server.close()));
});

async function server(handler: Parameters<typeof startSseServer>[0]): Promise<ScriptedServer> {
	const started = await startSseServer(handler);
	servers.push(started);
	return started;
}

function httpConnect(baseUrl: string): EventStreamHooks['connect'] {
	const context = createExecuteContext({
		parameters: {},
		credentials: { apiKey: TEST_API_KEY, baseUrl },
	});
	const request = endpointRequest('processing_events.stream', {});
	return async (lastEventId, signal) =>
		await openSseStream(
			new ApiSession(context),
			{ ...request, headers: lastEventId ? { 'Last-Event-ID': lastEventId } : undefined },
			signal,
		);
}

interface Run {
	units: DeliveryUnit[];
	delays: number[];
	controller: AbortController;
}

/** Runs a session that records deliveries and reconnect delays (sleep resolves at once). */
function session(
	connect: EventStreamHooks['connect'],
	options: Partial<EventStreamOptions> & { stopAfterDelays?: number; stopAfterUnits?: number } = {},
) {
	const run: Run = { units: [], delays: [], controller: new AbortController() };
	const ended = runEventStream(
		{
			connect,
			isRetryable: () => true,
			deliver: async (unit) => {
				run.units.push(unit);
				if (options.stopAfterUnits !== undefined && run.units.length >= options.stopAfterUnits)
					run.controller.abort();
			},
		},
		{
			resumeAfter: undefined,
			mode: 'eachEvent',
			batchSize: 10,
			watchdogMs: 0,
			backoff: new ReconnectBackoff({ initialMs: 1000, maxMs: 60_000, random: () => 0 }),
			continueAfterExpired: false,
			signal: run.controller.signal,
			sleep: async (ms) => {
				run.delays.push(ms);
				if (options.stopAfterDelays !== undefined && run.delays.length >= options.stopAfterDelays)
					run.controller.abort();
			},
			...options,
		},
	);
	return { run, ended };
}

const ids = (units: DeliveryUnit[]) =>
	units.flatMap((unit) => unit.events.map((event) => event.id));

describe('event stream session: reconnect timing', () => {
	it('waits the server’s retry: before reconnecting, doubling with jitter on each failure up to the cap', async () => {
		const stream = await server((res) => res.end('retry: 250\n\n'));
		const rng = new Rng('sse-backoff');
		const draws: number[] = [];
		const { run, ended } = session(httpConnect(stream.baseUrl), {
			backoff: new ReconnectBackoff({
				initialMs: 1000,
				maxMs: 800,
				random: () => {
					const draw = rng.next();
					draws.push(draw);
					return draw;
				},
			}),
			stopAfterDelays: 5,
		});
		expect(await ended).toEqual({ kind: 'closed' });

		expect(stream.requests).toHaveLength(5);
		const nominal = [250, 500, 1000, 2000, 4000];
		run.delays.forEach((delay, index) => {
			expect(delay).toBe(Math.min(800, Math.round(nominal[index] * (1 + 0.3 * draws[index]))));
			expect(delay).toBeGreaterThanOrEqual(Math.min(250, 800));
		});
		expect(run.delays.slice(2)).toEqual([800, 800, 800]);
	});

	it('goes back to the server’s retry: once a connection delivered events', async () => {
		const stream = await server((res, connection) =>
			res.end(`retry: 300\n\n${connection === 3 ? eventFrame('7') : ''}`),
		);
		const { run, ended } = session(httpConnect(stream.baseUrl), { stopAfterDelays: 4 });
		await ended;
		expect(ids(run.units)).toEqual(['7']);
		expect(run.delays).toEqual([300, 600, 300, 600]);
	});
});

describe('event stream session: what the server sends', () => {
	it('delivers each event once even when a server replays from the start on every connection', async () => {
		// This server ignores Last-Event-ID: connection n sends events 1..2n, then closes.
		const stream = await server((res, connection) => {
			let body = '';
			for (let id = 1; id <= connection * 2; id++) body += eventFrame(String(id));
			res.end(body);
		});
		const { run, ended } = session(httpConnect(stream.baseUrl), { stopAfterDelays: 4 });
		await ended;
		expect(ids(run.units)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
		expect(stream.requests.map((req) => req.headers['last-event-id'])).toEqual([
			undefined,
			'2',
			'4',
			'6',
		]);
	});

	it('passes an event that breaks the contract through as raw data instead of dropping it', async () => {
		const stream = await server((res) =>
			res.end(`${eventFrame('1')}event: segment.completed\ndata: not json\n\n${eventFrame('2')}`),
		);
		const { run, ended } = session(httpConnect(stream.baseUrl), { stopAfterUnits: 3 });
		await ended;
		expect(run.units.map((unit) => unit.events[0].json)).toEqual([
			expect.objectContaining({ event_id: '1' }),
			{
				event_id: null,
				event: 'segment.completed',
				created_at: null,
				data: {},
				raw: 'not json',
				invalid: 'data is not JSON',
			},
			expect.objectContaining({ event_id: '2' }),
		]);
	});

	it('releases a held replay when the server goes quiet without reaching the in-flight boundary', async () => {
		const stream = await server((res) =>
			res.write(`${eventFrame('evt_a')}${eventFrame('evt_b')}: heartbeat\n\n`),
		);
		const { run, ended } = session(httpConnect(stream.baseUrl), {
			mode: 'batch',
			batchSize: 10,
			resumeAfter: 'evt_0',
			inFlightUntil: 'evt_gone',
			stopAfterUnits: 1,
		});
		await ended;
		expect(run.units.map((unit) => unit.events.map((event) => event.id))).toEqual([
			['evt_a', 'evt_b'],
		]);
	});
});

describe('event stream session: backpressure', () => {
	it('reads the next chunk only after the units of the previous one were delivered', async () => {
		let pulled = 0;
		let release!: () => void;
		const held = new Promise<void>((resolve) => {
			release = resolve;
		});
		const body: SseBody = {
			async *[Symbol.asyncIterator]() {
				for (let chunk = 1; chunk <= 100; chunk++) {
					pulled = chunk;
					yield new TextEncoder().encode(eventFrame(String(chunk)));
				}
			},
		};
		const delivered: string[] = [];
		const controller = new AbortController();
		const ended = runEventStream(
			{
				connect: async () => body,
				isRetryable: () => false,
				deliver: async (unit) => {
					delivered.push(String(unit.events[0].id));
					if (delivered.length === 1) await held;
					if (delivered.length === 100) controller.abort();
				},
			},
			{
				resumeAfter: undefined,
				mode: 'eachEvent',
				batchSize: 1,
				watchdogMs: 0,
				backoff: new ReconnectBackoff({ initialMs: 1, maxMs: 1, random: () => 0 }),
				continueAfterExpired: false,
				signal: controller.signal,
				sleep: async () => undefined,
			},
		);
		for (let tick = 0; tick < 20; tick++) await new Promise((resolve) => setImmediate(resolve));
		expect(pulled).toBe(1);
		release();
		expect(await ended).toEqual({ kind: 'closed' });
		expect(delivered).toHaveLength(100);
	});
});
