/**
 * "Fetch Test Event" (manual mode): the newest real matching item from the API's list endpoints in
 * the change-event shape, or a made-up sample that says so; the event feed and the cursor are untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../../emulator/app';
import {
	SAMPLE_NOTE_MADE_UP,
	SAMPLE_NOTE_REAL,
} from '../../../triggers/VideoVectorPollTrigger/sample-change';
import { credentialsOf, startStreamEmulator, streamRequests } from '../sse/support/stream-emulator';
import { pollHost } from './support/poll-context';

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startStreamEmulator('poll-test-event');
});
afterAll(async () => {
	await emulator?.close();
});

function manual(changes: string[], indexIds: string[] = []) {
	return pollHost({
		parameters: { events: changes, indexIds, options: {} },
		credentials: credentialsOf(emulator),
		mode: 'manual',
	});
}

describe('Poll Trigger test event', () => {
	it('is a clearly labelled made-up sample while nothing matches', async () => {
		const trigger = manual(['prompt_run.failed']);
		const items = await trigger.poll();
		expect(items).toEqual([
			expect.objectContaining({
				event: 'prompt_run.failed',
				event_id: null,
				sample: SAMPLE_NOTE_MADE_UP,
			}),
		]);
		expect(trigger.staticData).toEqual({});
	});

	it('is the newest matching run from the API, with the run as data', async () => {
		const seeded = emulator.control.seed.index({ media: 1, run: true });
		const runs = (await (
			await fetch(`${emulator.baseUrl}/prompt-runs`, { headers: { 'x-api-key': emulator.apiKey } })
		).json()) as Array<{
			run_id: string;
			status: string;
		}>;
		const completed = runs.find((run) => run.status === 'completed');
		expect(completed).toBeDefined();
		const streamsBefore = streamRequests(emulator).length;

		const trigger = manual(['prompt_run.completed', 'prompt_run.failed']);
		const [item, ...rest] = await trigger.poll();
		expect(rest).toEqual([]);
		expect(item).toEqual(
			expect.objectContaining({
				event: 'prompt_run.completed',
				sample: SAMPLE_NOTE_REAL,
				data: expect.objectContaining({ run_id: completed!.run_id, status: 'completed' }),
			}),
		);
		expect(streamRequests(emulator)).toHaveLength(streamsBefore);
		expect(trigger.staticData).toEqual({});

		// Media need the index filter (they are listed per index).
		const media = await manual(['media.processing.completed'], [seeded.index_id!]).poll();
		expect(media).toEqual([
			expect.objectContaining({
				event: 'media.processing.completed',
				data: expect.objectContaining({ index_id: seeded.index_id }),
				sample: SAMPLE_NOTE_REAL,
			}),
		]);
	});
});
