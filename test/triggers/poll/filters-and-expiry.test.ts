/**
 * What the Poll Trigger picks out of the feed (status changes, index filter), how it refuses bad
 * parameters before any request, and how it surfaces a stored position the server no longer holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../../emulator/app';
import { credentialsOf, startStreamEmulator, streamRequests } from '../sse/support/stream-emulator';
import { pollHost } from './support/poll-context';

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startStreamEmulator('poll-filters');
});
afterAll(async () => {
	await emulator?.close();
});

function host(changes: unknown, indexIds: string[] = [], options: Record<string, unknown> = {}) {
	const startAfterEventId = emulator.control.events.latestId() ?? undefined;
	return pollHost({
		parameters: { events: changes, indexIds, options: { startAfterEventId, ...options } },
		credentials: credentialsOf(emulator),
	});
}

describe('Poll Trigger filters', () => {
	it('emits only the picked status changes of the filtered index, and moves past the rest', async () => {
		emulator.control.events.emit('media.created', { index_id: 'idx_0' });
		const trigger = host(['media.processing.completed', 'import_job.failed'], ['idx_1']);
		const events = emulator.control.events;
		const wanted = events.emit('media.processing.completed', {
			index_id: 'idx_1',
			video_id: 'vid_1',
		});
		events.emit('media.processing.completed', { index_id: 'idx_2', video_id: 'vid_2' });
		events.emit('media.processing.failed', { index_id: 'idx_1', video_id: 'vid_3' });
		events.emit('import_job.progress', { index_id: 'idx_1' });
		const failedImport = events.emit('import_job.failed', {
			index_id: 'idx_1',
			payload: { job_id: 'job_1' },
		});
		const last = events.emit('prompt_run.completed', { index_id: 'idx_1' });

		expect((await trigger.poll()).map((item) => item.event_id)).toEqual([wanted, failedImport]);
		expect(trigger.staticData.lastEventId).toBe(last);
		// The server is asked for status-change events only (no progress or segment noise).
		const query = [streamRequests(emulator).at(-1)!.query.event_types].flat();
		expect(query).toContain('export.ready');
		expect(query).not.toContain('import_job.progress');
		expect(query).not.toContain('segment.completed');
	});

	it.each([
		[[], 'Choose at least one event under Trigger On'],
		['', 'Choose at least one event under Trigger On'],
	])('refuses Trigger On = %j before any request', async (changes, message) => {
		const before = streamRequests(emulator).length;
		await expect(host(changes).poll()).rejects.toThrow(message);
		expect(streamRequests(emulator)).toHaveLength(before);
	});

	it('refuses a bad Max Changes per Poll', async () => {
		await expect(host(['export.ready'], [], { maxEventsPerPoll: 0 }).poll()).rejects.toThrow(
			'Max Changes per Poll',
		);
	});
});

describe('Poll Trigger when the stored position expired', () => {
	it('fails every poll by default, naming the gap, and keeps the position', async () => {
		const trigger = host(['prompt_run.completed']);
		const stale = trigger.staticData;
		await trigger.poll();
		const position = String(stale.lastEventId);
		emulator.control.config.update({ sse: { retention: 2 } });
		try {
			emulator.control.events.emit('prompt_run.completed');
			emulator.control.events.emit('prompt_run.completed');
			emulator.control.events.emit('prompt_run.completed');
			await expect(trigger.poll()).rejects.toThrow(
				'no longer holds the changes after the stored position',
			);
			await expect(trigger.poll()).rejects.toThrow('no longer holds');
			expect(stale.lastEventId).toBe(position);
		} finally {
			emulator.control.config.update({ sse: { retention: 10_000 } });
		}
	});

	it('with "continue", fails one poll and then watches new changes', async () => {
		const trigger = host(['prompt_run.completed'], [], { onResumeExpired: 'continue' });
		await trigger.poll();
		emulator.control.config.update({ sse: { retention: 2 } });
		try {
			for (let count = 0; count < 3; count++) emulator.control.events.emit('prompt_run.completed');
			await expect(trigger.poll()).rejects.toThrow('no longer holds');
			expect(trigger.staticData.lastEventId).toBeUndefined();
			await expect(trigger.poll()).resolves.toEqual([]);
		} finally {
			emulator.control.config.update({ sse: { retention: 10_000 } });
		}
	});
});
