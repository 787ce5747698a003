/**
 * The Poll Trigger's cursor against the emulator's event feed over real HTTP: a first activation
 * starts from now, every change comes out once in order, restarts (a new host over the stored static
 * data) repeat nothing and skip nothing, and a poll limit or a cut stream only defers events.
 */
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../../emulator/app';
import {
	credentialsOf,
	emitEvents,
	lastEventIdHeader,
	startStreamEmulator,
	streamRequests,
} from '../sse/support/stream-emulator';
import { waitUntil } from '../webhook/support/wait';
import { pollHost } from './support/poll-context';

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startStreamEmulator('poll-cursor');
});
afterAll(async () => {
	await emulator?.close();
});

function host(
	options: Record<string, unknown> = {},
	staticData?: IDataObject,
	changes = ['prompt_run.completed', 'export.ready'],
) {
	return pollHost({
		parameters: { events: changes, options },
		credentials: credentialsOf(emulator),
		staticData,
	});
}

const ids = (items: Array<Record<string, unknown>>) => items.map((item) => item.event_id);

describe('Poll Trigger cursor', () => {
	it('starts from now on the first activation: earlier changes are not emitted', async () => {
		emitEvents(emulator, 3, 'prompt_run.completed', { run_id: 'run_old' });
		const trigger = host();
		expect(await trigger.poll()).toEqual([]);
		expect(trigger.staticData.started).toBe(true);
	});

	it('emits each change after Start After Event ID once, in order, in the shape all triggers share', async () => {
		const before = emulator.control.events.latestId() as string;
		const wanted = [
			emulator.control.events.emit('prompt_run.completed', {
				run_id: 'run_a',
				index_id: 'idx_1',
				payload: { status: 'completed' },
			}),
			emulator.control.events.emit('segment.completed', { run_id: 'run_a' }),
			emulator.control.events.emit('prompt_run.started', { run_id: 'run_b' }),
			emulator.control.events.emit('export.ready', {
				index_id: 'idx_1',
				payload: { export_id: 'exp_1' },
			}),
		];
		const trigger = host({ startAfterEventId: before });
		const first = await trigger.poll();
		expect(ids(first)).toEqual([wanted[0], wanted[3]]);
		expect(first[0]).toEqual(
			expect.objectContaining({
				event: 'prompt_run.completed',
				data: { run_id: 'run_a', index_id: 'idx_1', status: 'completed' },
			}),
		);
		expect(trigger.staticData.lastEventId).toBe(wanted[3]);
		expect(await trigger.poll()).toEqual([]);
		const next = emulator.control.events.emit('prompt_run.completed', { run_id: 'run_c' });
		expect(ids(await trigger.poll())).toEqual([next]);
	});

	it('after a restart resumes at the stored position: no repeat, and changes made while down arrive', async () => {
		const trigger = host({ startAfterEventId: emulator.control.events.latestId() as string });
		const seen = emitEvents(emulator, 2, 'prompt_run.completed');
		expect(ids(await trigger.poll())).toEqual(seen);

		// n8n stored the static data with the emitted items; changes happen while it is down.
		const stored = structuredClone(trigger.staticData);
		const whileDown = emitEvents(emulator, 3, 'prompt_run.completed');
		const restarted = host({ startAfterEventId: 'ignored-after-first-activation' }, stored);
		expect(ids(await restarted.poll())).toEqual(whileDown);
		expect(lastEventIdHeader(streamRequests(emulator).at(-1)!)).toBe(seen[1]);
	});

	it('a poll that stops at Max Changes per Poll leaves the rest to the next poll', async () => {
		const trigger = host({
			startAfterEventId: emulator.control.events.latestId() as string,
			maxEventsPerPoll: 2,
		});
		const all = emitEvents(emulator, 5, 'export.ready');
		const received = [
			...(await trigger.poll()),
			...(await trigger.poll()),
			...(await trigger.poll()),
			...(await trigger.poll()),
		];
		expect(ids(received)).toEqual(all);
	});

	it('a stream cut mid-event keeps what was read and the next poll continues without gap or repeat', async () => {
		const trigger = host({ startAfterEventId: emulator.control.events.latestId() as string });
		const all = emitEvents(emulator, 6, 'prompt_run.completed');
		emulator.control.faults.sse({ mode: 'cut_mid_event', afterEvents: 2 });
		const first = await trigger.poll();
		expect(ids(first)).toEqual(all.slice(0, 2));
		emulator.control.faults.sse(null);
		const second = await trigger.poll();
		expect(ids([...first, ...second])).toEqual(all);
	});

	it('without a position yet, any account event read live gives the trigger one', async () => {
		const trigger = host();
		await waitUntil(() => emulator.control.sse.openConnections() === 0, 'earlier streams to close');
		const reading = trigger.poll();
		await waitUntil(() => emulator.control.sse.openConnections() === 1, 'the live read to connect');
		const live = emulator.control.events.emit('segment.completed', { run_id: 'run_live' });
		expect(await reading).toEqual([]);
		expect(trigger.staticData.lastEventId).toBe(live);
		const later = emulator.control.events.emit('prompt_run.completed', { run_id: 'run_later' });
		expect(ids(await trigger.poll())).toEqual([later]);
	});
});
