/** Read Events over real HTTP against the emulator: events produced by a prompt run, filtered and resumed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/app.js';
import { failureOf } from '../../support/node-fixtures';
import { emulatorRunner } from '../../support/emulator-run';

let emulator: RunningEmulator;
const { apiKey } = emulatorRunner(() => emulator);
let runId: string;
let otherRunId: string;
/** The last event before the runs: reads resume from it. */
let baseId: string;

async function executeRun(promptId: string, indexId: string): Promise<string> {
	const response = await fetch(`${emulator.baseUrl}/prompt-runs/execute`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-api-key': emulator.apiKey,
			'idempotency-key': `setup-${indexId}`,
		},
		body: JSON.stringify({ prompt_id: promptId, target: { type: 'index', index_id: indexId } }),
	});
	expect(response.status).toBe(202);
	return ((await response.json()) as { run_id: string }).run_id;
}

beforeAll(async () => {
	// Frozen clock: the runs advance only when the test says so.
	emulator = await startEmulator({
		seed: 'empty',
		randomSeed: 'node-processing-events',
		clockScale: 0,
	});
	const seeded = emulator.control.seed.index({ name: 'Events', media: 2, run: true });
	const other = emulator.control.seed.index({ name: 'Other', media: 1, run: false });
	baseId = emulator.control.events.emit('media.created', { index_id: 'idx_before_the_runs' });
	runId = await executeRun(seeded.prompt_id as string, seeded.index_id as string);
	otherRunId = await executeRun(seeded.prompt_id as string, other.index_id as string);
	emulator.control.clock.runAll();
});

afterAll(async () => {
	await emulator?.close();
});

const read = async (extra: Record<string, unknown>) =>
	(
		await apiKey({
			resource: 'processingEvent',
			operation: 'readEvents',
			maxEvents: 1000,
			maxWaitSeconds: 10,
			lastEventId: baseId,
			filters: {},
			// The replay arrives at once; stop shortly after it instead of waiting the full 10 s.
			options: { idleSeconds: 0.2 },
			...extra,
		})
	).output.map((item) => item.json);

describe('Read Events against the emulator', () => {
	it('replays the events of one run after Last-Event-ID, filtered by run and type, in order', async () => {
		const all = await read({ filters: { runId } });
		expect(all.length).toBeGreaterThan(0);
		expect(all.every((event) => event.run_id === runId)).toBe(true);
		const ids = all.map((event) => String(event.event_id));
		expect([...ids].sort()).toEqual(ids);
		expect(ids.every((id) => id > baseId)).toBe(true);
		expect(all.map((event) => event.event_type)).toEqual(
			expect.arrayContaining(['prompt_run.started', 'segment.completed']),
		);

		const segments = await read({
			filters: { runId, eventTypes: 'segment.completed, segment.failed' },
		});
		expect(segments.map((event) => event.event_id)).toEqual(
			all
				.filter((event) =>
					['segment.completed', 'segment.failed'].includes(String(event.event_type)),
				)
				.map((event) => event.event_id),
		);
	});

	it('resuming from an event id returns exactly what followed it', async () => {
		const all = await read({ filters: { runId } });
		const resumed = await read({ filters: { runId }, lastEventId: all[2].event_id });
		expect(resumed).toEqual(all.slice(3));
		const firstTwo = await read({ filters: { runId }, maxEvents: 2 });
		expect(firstTwo).toEqual(all.slice(0, 2));
	});

	it('without a filter, events of both runs arrive', async () => {
		const all = await read({});
		const runs = new Set(all.map((event) => event.run_id).filter(Boolean));
		expect(runs).toEqual(new Set([runId, otherRunId]));
	});

	it('without Last-Event-ID it reads live events only, and closes the stream when done', async () => {
		const noOpenStreams = async () => {
			while (emulator.control.sse.openConnections() > 0)
				await new Promise((resolve) => setImmediate(resolve));
		};
		// Earlier reads closed their streams; wait until the server has seen that, so the count below is ours.
		await noOpenStreams();
		const reading = read({ lastEventId: '', maxEvents: 1, options: {} });
		while (emulator.control.sse.openConnections() === 0)
			await new Promise((resolve) => setImmediate(resolve));
		const emitted = emulator.control.events.emit('import_job.started', { index_id: 'idx_live' });
		const events = await reading;
		expect(events.map((event) => event.event_id)).toEqual([emitted]);
		// Fails by timeout if the node left the connection open.
		await noOpenStreams();
	});

	it('an unknown Last-Event-ID is surfaced, not skipped', async () => {
		const error = await failureOf(
			apiKey({
				resource: 'processingEvent',
				operation: 'readEvents',
				maxEvents: 10,
				maxWaitSeconds: 10,
				lastEventId: 'not-an-event',
				filters: {},
				options: {},
			}),
		);
		expect(error.message).toContain('cannot resume from Start After Event ID');
	});
});
