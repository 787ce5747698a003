/**
 * The VideoVector Event Stream Trigger inside a real n8n: a published workflow follows a prompt
 * run's events from the emulator, n8n is restarted in the middle of the run, and the executions
 * still hold every event of the run exactly once, in order.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { nodesFolder } from '../../tools/n8n/community-package';
import { upsertCredential } from '../../tools/n8n/credential';
import { SseParser } from '../../shared/sse/parser';
import { startEmulator, type RunningEmulator } from '../../emulator/app';
import { emittedEventIds, nodeOutput, startManualRun } from './harness/executions';
import { LONG_WAIT_MS } from './harness/patience';
import { pollUntil } from './harness/poll';
import type { Stack } from './harness/stack';
import type { WorkflowJson } from '../../tools/n8n/workflow-types';
import { useStack } from './harness/use-stack';
import { triggerWorkflow } from './harness/workflows';

const TRIGGER_FILE = 'dist/triggers/VideoVectorSseTrigger/VideoVectorSseTrigger.node.js';
const TRIGGER_NAME = 'Run events';

const stack = useStack();
let emulator: RunningEmulator;

beforeAll(async () => {
	// The real emulator (the stack's own is a stand-in without an event stream), on a frozen clock the
	// test advances, so the run produces its events when the test says.
	emulator = await startEmulator({ seed: 'empty', clockScale: 0, randomSeed: 'e2e-sse-trigger' });
	emulator.control.config.update({ sse: { retryMs: 200, heartbeatMs: 2000 } });
});

afterAll(async () => {
	await emulator?.close();
});

/**
 * Until package.json lists the trigger, n8n would not load it: add it to the installed copy (the
 * stack's scratch folder, not the repository) and restart. A no-op once the entry is there.
 */
async function ensureTriggerListed(running: Stack): Promise<void> {
	const manifestPath = path.join(
		nodesFolder(running.userFolder),
		'node_modules',
		running.packageName,
		'package.json',
	);
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { n8n: { nodes: string[] } };
	if (manifest.n8n.nodes.includes(TRIGGER_FILE)) return;
	manifest.n8n.nodes.push(TRIGGER_FILE);
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	await running.restart();
}

async function api<T>(method: string, apiPath: string, body?: unknown): Promise<T> {
	const response = await fetch(`${emulator.baseUrl}${apiPath}`, {
		method,
		headers: {
			'x-api-key': emulator.apiKey,
			'content-type': 'application/json',
			'idempotency-key': `e2e-${apiPath}-${JSON.stringify(body)}`,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${apiPath} -> ${response.status}: ${text}`);
	return JSON.parse(text) as T;
}

type StreamedEvent = { event_id: string; event_type: string; index_id: string | null };

/**
 * The index's events from the start of the stream up to and including `lastId` (the emulator's
 * latest id, of whatever index), read straight from the emulator's unfiltered stream.
 */
async function eventsOfIndex(indexId: string, lastId: string): Promise<StreamedEvent[]> {
	const controller = new AbortController();
	const response = await fetch(`${emulator.baseUrl}/processing/events/stream`, {
		headers: { 'x-api-key': emulator.apiKey, 'last-event-id': '000000000000' },
		signal: controller.signal,
	});
	const events: StreamedEvent[] = [];
	const parser = new SseParser({
		onEvent: (event) => events.push(JSON.parse(event.data) as StreamedEvent),
	});
	const reader = response.body!.getReader();
	while (!events.some((event) => event.event_id === lastId)) {
		const { value, done } = await reader.read();
		if (done) break;
		parser.feed(value);
	}
	controller.abort();
	return events.filter((event) => event.index_id === indexId);
}

/** The trigger's stream position as n8n stored it (the node's static data). */
async function storedPosition(
	workflowId: string,
): Promise<{ lastEventId?: string; resumeAfterEventId?: string }> {
	const stored = await stack().client.api<{ staticData?: unknown }>(
		'GET',
		`/workflows/${workflowId}`,
	);
	const staticData = (
		typeof stored.staticData === 'string' ? JSON.parse(stored.staticData) : stored.staticData
	) as Record<string, { lastEventId?: string; resumeAfterEventId?: string }> | null | undefined;
	return staticData?.[`node:${TRIGGER_NAME}`] ?? {};
}

function workflow(credential: { id: string; name: string }, indexId: string): WorkflowJson {
	return triggerWorkflow('e2e: follow a prompt run over the event stream', {
		id: '3c0f9a51-0001-4d7e-8a11-5e2b7c9d0001',
		name: TRIGGER_NAME,
		type: '@{package}.videoVectorSseTrigger',
		parameters: { events: ['*'], indexIds: [indexId] },
		credentials: { n8nNodesVideoVectorApi: credential },
	});
}

async function receivedIds(workflowId: string): Promise<string[]> {
	return await emittedEventIds(stack().client, workflowId, TRIGGER_NAME);
}

async function streamCredential(): Promise<{ id: string; name: string }> {
	await ensureTriggerListed(stack());
	const credential = await upsertCredential(
		stack().client,
		'VideoVector emulator with event stream',
		{
			authentication: 'apiKey',
			apiKey: emulator.apiKey,
			baseUrl: emulator.baseUrl,
		},
	);
	return { id: credential.id, name: credential.name };
}

describe('VideoVector Event Stream Trigger in the editor', () => {
	it('"listen for test event" returns the first matching event and closes the stream', async () => {
		const credential = await streamCredential();
		const indexId = emulator.control.seed.index({ media: 1, run: false }).index_id as string;
		const created = await stack().importWorkflow(workflow(credential, indexId));
		const executionId = await startManualRun(stack().client, created, TRIGGER_NAME);
		await pollUntil(async () => (emulator.control.sse.openConnections() === 1 ? true : undefined), {
			what: 'the test listener to connect',
		});
		emulator.control.events.emit('segment.completed', { index_id: 'idx_other' });
		const wanted = emulator.control.events.emit('segment.completed', {
			index_id: indexId,
			video_id: 'vid_listen',
		});

		const execution = await stack().waitForExecution(executionId);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, TRIGGER_NAME)).toEqual([
			expect.objectContaining({
				event_id: wanted,
				data: expect.objectContaining({ index_id: indexId, video_id: 'vid_listen' }),
			}),
		]);
		await pollUntil(async () => (emulator.control.sse.openConnections() === 0 ? true : undefined), {
			what: 'the test listener to close',
		});
	});
});

describe('published workflow with the VideoVector Event Stream Trigger', () => {
	it('receives every event of a prompt run exactly once although n8n restarts mid-run', async () => {
		const credential = await streamCredential();
		const indexId = emulator.control.seed.index({ media: 3, segmentsPerMedia: 4, run: false })
			.index_id as string;
		const { prompt_id: promptId } = await api<{ prompt_id: string }>('POST', '/prompts', {
			name: 'e2e scene prompt',
			prompt_text: 'Describe the segment.',
			json_schema: { type: 'object', properties: { summary: { type: 'string' } } },
		});
		const created = await stack().importWorkflow(workflow(credential, indexId));
		await stack().publish(created.id);
		await pollUntil(async () => (emulator.control.sse.openConnections() === 1 ? true : undefined), {
			what: 'the trigger to connect',
		});

		const { run_id: runId } = await api<{ run_id: string }>('POST', '/prompt-runs/execute', {
			prompt_id: promptId,
			target: { type: 'index', index_id: indexId },
			video_segmentation_type: 'fixed',
			video_segment_duration: 10,
		});
		// First part of the run while n8n is up, until the trigger has delivered all of it and n8n has
		// stored its position: the last event is then the unit in flight (emitted, its end not yet
		// saved), whatever the machine's speed.
		for (let step = 0; step < 3; step++) emulator.control.clock.advance(2_000);
		const beforeRestart = (
			await eventsOfIndex(indexId, emulator.control.events.latestId() as string)
		).map((event) => event.event_id);
		expect(beforeRestart.length).toBeGreaterThanOrEqual(2);
		const inFlight = beforeRestart.at(-1) as string;
		await pollUntil(
			async () =>
				(await receivedIds(created.id)).length >= beforeRestart.length ? true : undefined,
			{
				what: `executions for the ${beforeRestart.length} events before the restart`,
			},
		);
		expect(await receivedIds(created.id)).toEqual(beforeRestart);
		await pollUntil(
			async () => ((await storedPosition(created.id)).lastEventId === inFlight ? true : undefined),
			{
				what: `n8n to store the position ${inFlight}`,
			},
		);
		expect(await storedPosition(created.id)).toEqual({
			lastEventId: inFlight,
			resumeAfterEventId: beforeRestart.at(-2),
		});

		// Restart; the run goes on while n8n is down.
		const restarting = stack().restart();
		await pollUntil(async () => (emulator.control.sse.openConnections() === 0 ? true : undefined), {
			what: 'n8n to close the stream',
		});
		for (let step = 0; step < 2; step++) emulator.control.clock.advance(2_000);
		await restarting;
		await pollUntil(async () => (emulator.control.sse.openConnections() === 1 ? true : undefined), {
			what: 'the trigger to reconnect after the restart',
		});
		emulator.control.clock.runAll();

		const run = await api<{ status: string }>('GET', `/prompt-runs/${runId}`);
		expect(run.status).toBe('completed');
		const lastId = emulator.control.events.latestId() as string;
		const expected = await eventsOfIndex(indexId, lastId);
		expect(expected.at(-1)?.event_type).toBe('prompt_run.completed');
		expect(expected.length).toBeGreaterThan(15);

		const received = await pollUntil(
			async () => {
				const ids = await receivedIds(created.id);
				return ids.length >= expected.length ? ids : undefined;
			},
			{ what: 'executions for every event', timeoutMs: LONG_WAIT_MS },
		);
		expect(received).toEqual(expected.map((event) => event.event_id));
		// After the restart the trigger re-emitted the unit in flight (${inFlight}, pinned by the stored
		// position above) under the same key and n8n refused it: the run above holds it once. n8n logs
		// the refusal (without the key, at this log level) before the trigger emits the next unit, so
		// it is in the log of this n8n process by now.
		expect(stack().logSinceStart()).toMatch(
			/Scheduled execution skipped: duplicate deduplication key/,
		);

		await stack().unpublish(created.id);
		await pollUntil(async () => (emulator.control.sse.openConnections() === 0 ? true : undefined), {
			what: 'unpublish to close the stream',
		});
		// Two n8n boots and ~20 executions: on a loaded 2-core machine that can take minutes.
	}, 600_000);
});
