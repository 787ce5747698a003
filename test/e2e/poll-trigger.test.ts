/**
 * The VideoVector Poll Trigger inside a real n8n 2.41 on n8n's own polling schedule: "Fetch Test
 * Event" returns real data; a published workflow receives the status changes of real prompt runs
 * once each; changes made while n8n restarts arrive after it, with no duplicate and no gap.
 *
 * n8n refuses poll intervals under a minute (a cron with a non-numeric seconds field), so the test
 * uses "Every Minute" and waits on conditions with generous limits; n8n also polls once on every
 * activation, which is what picks changes up right after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { upsertCredential } from '../../tools/n8n/credential';
import { SseParser } from '../../shared/sse/parser';
import { startEmulator, type RunningEmulator } from '../../emulator/app';
import { emittedEventIds, nodeOutput, startManualRun } from './harness/executions';
import { LONG_WAIT_MS } from './harness/patience';
import { pollUntil } from './harness/poll';
import type { WorkflowJson } from '../../tools/n8n/workflow-types';
import { useStack } from './harness/use-stack';
import { triggerWorkflow } from './harness/workflows';

const TRIGGER_NAME = 'Status changes';
const WATCHED = ['prompt_run.completed', 'media.processing.completed'];

const stack = useStack();
let emulator: RunningEmulator;
let credential: { id: string; name: string };

beforeAll(async () => {
	// The real emulator on a frozen clock the test advances, so runs finish when the test says.
	emulator = await startEmulator({ seed: 'empty', clockScale: 0, randomSeed: 'e2e-poll-trigger' });
	emulator.control.config.update({ sse: { retryMs: 200, heartbeatMs: 2000 } });
	const stored = await upsertCredential(stack().client, 'VideoVector emulator (poll trigger)', {
		authentication: 'apiKey',
		apiKey: emulator.apiKey,
		baseUrl: emulator.baseUrl,
	});
	credential = { id: stored.id, name: stored.name };
});

afterAll(async () => {
	await emulator?.close();
});

async function api<T>(method: string, apiPath: string, body?: unknown): Promise<T> {
	const response = await fetch(`${emulator.baseUrl}${apiPath}`, {
		method,
		headers: {
			'x-api-key': emulator.apiKey,
			'content-type': 'application/json',
			'idempotency-key': `e2e-poll-${Math.random()}`,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${apiPath} -> ${response.status}: ${text}`);
	return JSON.parse(text) as T;
}

/** Starts a prompt run over the index and lets the emulator finish it: real status-change events. */
async function finishedRun(indexId: string, promptId: string): Promise<void> {
	await api('POST', '/prompt-runs/execute', {
		prompt_id: promptId,
		target: { type: 'index', index_id: indexId },
		video_segmentation_type: 'fixed',
		video_segment_duration: 10,
	});
	emulator.control.clock.runAll();
}

/**
 * The watched events of the index after `afterId`, read straight from the emulator's feed. The
 * emulator writes the whole replay while it accepts the connection, and its first heartbeat
 * comment only a heartbeat interval later: the heartbeat marks the end of the replay, however
 * slowly the bytes arrive.
 */
async function watchedEventsAfter(afterId: string, indexId: string): Promise<string[]> {
	const controller = new AbortController();
	const query = WATCHED.map((type) => `event_types=${type}`).join('&');
	const response = await fetch(
		`${emulator.baseUrl}/processing/events/stream?${query}&index_id=${indexId}`,
		{
			headers: { 'x-api-key': emulator.apiKey, 'last-event-id': afterId },
			signal: controller.signal,
		},
	);
	const ids: string[] = [];
	let replayed = false;
	const parser = new SseParser({
		onEvent: (event) => {
			if (!replayed) ids.push(String(event.id));
		},
		onComment: (comment) => {
			if (comment === 'heartbeat') replayed = true;
		},
	});
	const reader = response.body!.getReader();
	try {
		while (!replayed) {
			const next = await reader.read();
			if (next.done) throw new Error('the event stream ended before its first heartbeat');
			parser.feed(next.value);
		}
	} finally {
		controller.abort();
	}
	return ids;
}

function workflow(indexId: string, startAfterEventId: string): WorkflowJson {
	return triggerWorkflow('e2e: poll VideoVector status changes', {
		id: '7a1e2c90-0001-4c1b-9f00-5b2a6c8d0001',
		name: TRIGGER_NAME,
		type: '@{package}.videoVectorPollTrigger',
		parameters: {
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			events: WATCHED,
			indexIds: [indexId],
			options: { startAfterEventId },
		},
		credentials: { n8nNodesVideoVectorApi: credential },
	});
}

async function receivedIds(workflowId: string): Promise<string[]> {
	return await emittedEventIds(stack().client, workflowId, TRIGGER_NAME);
}

async function receivedAtLeast(workflowId: string, count: number, what: string): Promise<string[]> {
	return await pollUntil(
		async () => {
			const ids = await receivedIds(workflowId);
			return ids.length >= count ? ids : undefined;
		},
		{ what, timeoutMs: LONG_WAIT_MS, intervalMs: 1000 },
	);
}

async function newPrompt(): Promise<string> {
	const { prompt_id: promptId } = await api<{ prompt_id: string }>('POST', '/prompts', {
		name: `e2e poll prompt ${Math.random()}`,
		prompt_text: 'Describe the segment.',
		json_schema: { type: 'object', properties: { summary: { type: 'string' } } },
	});
	return promptId;
}

describe('VideoVector Poll Trigger in the editor', () => {
	it('"Fetch Test Event" returns the newest matching run from the API', async () => {
		const indexId = emulator.control.seed.index({ media: 1, run: false }).index_id as string;
		await finishedRun(indexId, await newPrompt());
		const created = await stack().importWorkflow(workflow(indexId, ''));
		const execution = await stack().waitForExecution(
			await startManualRun(stack().client, created, TRIGGER_NAME),
		);
		expect(execution.status).toBe('success');
		const [sample] = nodeOutput(execution, TRIGGER_NAME);
		expect(sample).toEqual(
			expect.objectContaining({
				event: 'prompt_run.completed',
				data: expect.objectContaining({ index_id: indexId, status: 'completed' }),
				sample: expect.stringContaining('most recent matching item'),
			}),
		);
	});
});

describe('published workflow with the VideoVector Poll Trigger', () => {
	it('emits every status change once, across an n8n restart, with no gap', async () => {
		const indexId = emulator.control.seed.index({ media: 2, segmentsPerMedia: 2, run: false })
			.index_id as string;
		const promptId = await newPrompt();
		// A change from before activation, which must not be emitted.
		await finishedRun(indexId, promptId);
		const start = emulator.control.events.latestId() as string;

		const created = await stack().importWorkflow(workflow(indexId, start));
		await stack().publish(created.id);
		await finishedRun(indexId, promptId);
		const firstBatch = await watchedEventsAfter(start, indexId);
		expect(firstBatch).toHaveLength(3); // two media processed, one run completed
		expect(
			await receivedAtLeast(created.id, firstBatch.length, 'the first poll with changes'),
		).toEqual(firstBatch);

		// One run finishes just before n8n stops, another while it is down.
		await finishedRun(indexId, promptId);
		const restarting = stack().restart();
		await finishedRun(indexId, promptId);
		await restarting;
		// And one after it is back.
		await finishedRun(indexId, promptId);

		const expected = await watchedEventsAfter(start, indexId);
		expect(expected).toHaveLength(12);
		const received = await receivedAtLeast(
			created.id,
			expected.length,
			'every change after the restart',
		);
		expect(received).toEqual(expected);
		// Re-activation polls at once and repeats nothing: the next changes are the only new items.
		await stack().unpublish(created.id);
		await stack().publish(created.id);
		await finishedRun(indexId, promptId);
		const all = await watchedEventsAfter(start, indexId);
		expect(all).toHaveLength(15);
		const finalIds = await receivedAtLeast(
			created.id,
			all.length,
			'the changes after re-activation',
		);
		expect(finalIds).toEqual(all);
	}, 900_000);
});
