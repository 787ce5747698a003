/**
 * How the trigger reacts to what a real stream does besides delivering events: the server's
 * `processing.stream_error`, a connection that goes silent, heartbeats, `retry:`, filters.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { RunningEmulator } from '../../../emulator/app';
import { BodyTap } from './support/body-tap';
import { N8nStandIn } from './support/n8n-stand-in';
import {
	credentialsOf,
	emitEvents,
	fastParameters,
	lastEventIdHeader,
	startStreamEmulator,
	streamRequests,
} from './support/stream-emulator';

let emulator: RunningEmulator;

beforeEach(async () => {
	emulator = await startStreamEmulator('sse-trigger-faults');
});

afterEach(async () => {
	await emulator.close();
});

async function activate(n8n: N8nStandIn, parameters = fastParameters()) {
	const trigger = await n8n.activate({ parameters, credentials: credentialsOf(emulator) });
	await trigger.until(() => emulator.control.sse.openConnections() === 1, 'the stream to open');
	return trigger;
}

describe('event stream trigger: server stream errors and silent connections', () => {
	it('resumes after processing.stream_error with Last-Event-ID, without losing or repeating events', async () => {
		const n8n = new N8nStandIn();
		const trigger = await activate(n8n);
		const first = emitEvents(emulator, 3);
		await trigger.until(() => n8n.executions.length === 3, 'the first events');

		expect(emulator.control.sse.streamError('internal_error', 'worker restarted')).toBe(1);
		const whileDown = emitEvents(emulator, 2);
		await trigger.until(() => streamRequests(emulator).length === 2, 'the reconnect');
		const after = emitEvents(emulator, 2);
		await trigger.until(() => n8n.executions.length === 7, 'the remaining events');

		expect(n8n.executedIds()).toEqual([...first, ...whileDown, ...after]);
		expect(lastEventIdHeader(streamRequests(emulator)[1])).toBe(first[2]);
		expect(trigger.errors).toEqual([]);
		await trigger.close();
	});

	it('resumes after a stream_error injected in the middle of a replayed batch', async () => {
		const backlog = emitEvents(emulator, 20);
		emulator.control.faults.sse({ afterEvents: 8, mode: 'stream_error', connections: 2 });
		const n8n = new N8nStandIn();
		const trigger = await n8n.activate({
			parameters: fastParameters({
				output: 'batch',
				batchSize: 5,
				options: { startAfterEventId: '000000000000' },
			}),
			credentials: credentialsOf(emulator),
		});
		await trigger.until(() => n8n.executedIds().length === 20, 'the whole backlog');
		expect(n8n.executedIds()).toEqual(backlog);
		expect(streamRequests(emulator).map(lastEventIdHeader)).toEqual([
			'000000000000',
			backlog[7],
			backlog[15],
		]);
		await trigger.close();
	});

	it('keeps retrying a reconnect that meets a reset connection and a 503', async () => {
		const n8n = new N8nStandIn();
		const trigger = await activate(n8n);
		const before = emitEvents(emulator, 2);
		await trigger.until(() => n8n.executions.length === 2, 'the first events');
		emulator.control.faults.add({
			kind: 'reset',
			method: 'GET',
			path: '/processing/events/stream',
			next: 1,
		});
		emulator.control.faults.add({
			kind: 'server_error',
			status: 503,
			retryAfterSeconds: 0,
			method: 'GET',
			path: '/processing/events/stream',
			next: 1,
		});
		emulator.control.sse.streamError('internal_error', 'restart');
		await trigger.until(
			() => emulator.control.sse.openConnections() === 1 && streamRequests(emulator).length === 4,
			'the third reconnect attempt to succeed',
		);
		const after = emitEvents(emulator, 2);
		await trigger.until(() => n8n.executions.length === 4, 'the events after the reconnect');

		expect(n8n.executedIds()).toEqual([...before, ...after]);
		// The reset connection never got a status; the open stream has none yet either.
		expect(streamRequests(emulator).map((request) => request.status)).toEqual([
			200,
			null,
			503,
			null,
		]);
		expect(emulator.control.sse.openConnections()).toBe(1);
		expect(trigger.errors).toEqual([]);
		await trigger.close();
	});

	it('reconnects when the connection goes silent for longer than the heartbeat timeout', async () => {
		const n8n = new N8nStandIn();
		// No heartbeats from the server: after 0.2 s without a byte the connection counts as dead.
		const trigger = await activate(
			n8n,
			fastParameters({ options: { heartbeatTimeoutSeconds: 0.2 } }),
		);
		const before = emitEvents(emulator, 2);
		await trigger.until(() => n8n.executions.length === 2, 'the first events');
		await trigger.until(() => streamRequests(emulator).length >= 3, 'two watchdog reconnects');
		const after = emitEvents(emulator, 2);
		await trigger.until(() => n8n.executions.length === 4, 'the events after the reconnects');

		expect(n8n.executedIds()).toEqual([...before, ...after]);
		expect(streamRequests(emulator).slice(1).map(lastEventIdHeader)).toContain(before[1]);
		expect(trigger.logs.some((line) => /silent for 200 ms/.test(line.message))).toBe(true);
		await trigger.close();
		await trigger.until(
			() => emulator.control.sse.openConnections() === 0,
			'the connection to close',
		);
	});

	it('keeps the connection while heartbeat comments arrive within the timeout', async () => {
		// Time stands still unless the test moves it: the watchdog (n8n-workflow's sleep, so setTimeout)
		// runs on fake timers and the emulator sends heartbeats only when told. No stall of a loaded
		// machine can then look like silence, and each heartbeat provably lands before time moves on.
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		try {
			const timeoutMs = 1_000;
			const n8n = new N8nStandIn();
			const tap = new BodyTap();
			const trigger = await n8n.activate({
				parameters: fastParameters({ options: { heartbeatTimeoutSeconds: timeoutMs / 1000 } }),
				credentials: credentialsOf(emulator),
				intercept: tap.intercept,
			});
			const reconnects = () => trigger.logs.filter((line) => /reconnecting/.test(line.message));
			await untilImmediate(() => tap.pulls > 0, 'the first read from the stream');
			// Five times: half the timeout in silence, then a heartbeat the trigger reads (and so asks for
			// the next chunk under a fresh watchdog). 2.5 timeouts pass with no silence as long as one.
			for (let beat = 0; beat < 5; beat += 1) {
				await vi.advanceTimersByTimeAsync(timeoutMs / 2);
				const pulls = tap.pulls;
				expect(emulator.control.sse.heartbeat()).toBe(1);
				await untilImmediate(
					() => tap.pulls > pulls || reconnects().length > 0,
					`heartbeat ${beat + 1} to be read`,
				);
				expect(reconnects()).toEqual([]);
			}
			const ids = emitEvents(emulator, 2);
			await trigger.until(() => n8n.executions.length === 2, 'the events');

			expect(streamRequests(emulator)).toHaveLength(1);
			expect(n8n.executedIds()).toEqual(ids);
			await trigger.close();
		} finally {
			vi.useRealTimers();
		}
	});
});

/** Waits for `condition` on setImmediate turns (not faked), for tests that fake setTimeout. */
async function untilImmediate(condition: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 20_000;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setImmediate(resolve));
	}
}

describe('event stream trigger: filters', () => {
	it('sends the filters and starts the workflow only for matching events', async () => {
		const n8n = new N8nStandIn();
		const trigger = await activate(
			n8n,
			fastParameters({
				events: ['segment.completed', 'media.processing.completed'],
				indexIds: ['idx_a'],
				filters: { runId: 'run_a', videoIds: 'vid_1, vid_2' },
			}),
		);
		const match = { run_id: 'run_a', index_id: 'idx_a', video_id: 'vid_1' };
		const wanted = [
			...emitEvents(emulator, 1, 'segment.completed', match),
			...emitEvents(emulator, 1, 'media.processing.completed', { ...match, video_id: 'vid_2' }),
		];
		emitEvents(emulator, 1, 'segment.failed', match);
		emitEvents(emulator, 1, 'segment.completed', { ...match, run_id: 'run_b' });
		emitEvents(emulator, 1, 'segment.completed', { ...match, index_id: 'idx_b' });
		emitEvents(emulator, 1, 'segment.completed', { ...match, video_id: 'vid_3' });
		wanted.push(...emitEvents(emulator, 1, 'segment.completed', match));
		await trigger.until(() => n8n.executions.length === 3, 'the matching events');

		expect(n8n.executedIds()).toEqual(wanted);
		expect(n8n.executions[0].items[0]).toMatchObject({
			event: 'segment.completed',
			data: { run_id: 'run_a', video_id: 'vid_1' },
		});
		expect(streamRequests(emulator)[0].query).toEqual({
			run_id: 'run_a',
			index_id: 'idx_a',
			video_ids: ['vid_1', 'vid_2'],
			event_types: ['media.processing.completed', 'segment.completed'],
		});
		await trigger.close();
	});

	it('sends the batch size in batch mode and starts one execution per batch', async () => {
		const n8n = new N8nStandIn();
		const trigger = await activate(n8n, fastParameters({ output: 'batch', batchSize: 4 }));
		const ids = emitEvents(emulator, 10);
		await trigger.until(() => n8n.executedIds().length === 10, 'the events');

		expect(streamRequests(emulator)[0].query).toEqual({ batch_size: '4' });
		expect(n8n.executedIds()).toEqual(ids);
		expect(n8n.executions.every((execution) => execution.items.length <= 4)).toBe(true);
		expect(n8n.executions.length).toBeLessThan(10);
		await trigger.close();
	});
});
