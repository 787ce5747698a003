import { beforeAll, describe, expect, it } from 'vitest';

import { listExecutions, nodeOutput } from '../harness/executions';
import { pollUntil } from '../harness/poll';
import type { Execution, Workflow } from '../../../tools/n8n/workflow-types';
import { expectSuccessfulExecutions, once, successfulExecutions, tally } from './support/checks';
import {
	acceptedRetries,
	createScenePrompt,
	failedSegments,
	indexWithMedia,
	type SeededIndex,
	startRun,
} from '../../../tools/examples/emulator';
import { installExample } from './support/install';
import { useExampleStack } from './support/use-example-stack';

/**
 * Example 4 (examples/04-repair-failed-segments.json) in a real n8n: the event-stream trigger sees a
 * run finish with failures, the workflow lists the failed segments and retries each retryable one
 * once, waiting for its outcome. One `[fail]` clip per index fails its retries too (reported, not
 * fatal). Checked against the emulator: every retryable failure retried exactly once, none left.
 */

const { stack } = useExampleStack({
	config: {
		simulation: { segmentFailureRate: 0.4, nonRetryableFailureRate: 0.3, retryFailureRate: 0 },
		sse: { retryMs: 200 },
		requestLogLimit: 50_000,
	},
});
const TRIGGER = 'Run finished with failures';
let workflow: Workflow;
let index: SeededIndex;

interface RepairLine {
	run_id: string;
	video_id: string;
	segment_id: string;
	retry_id: string;
	retry_status: string;
	error: string;
}

function triggerRunId(execution: Execution): string {
	return String(
		(nodeOutput(execution, TRIGGER)[0]?.data as { run_id?: string } | undefined)?.run_id,
	);
}

/** The finished execution that handled the event of `runId` (exactly one may exist). */
async function executionFor(runId: string): Promise<Execution> {
	return pollUntil(
		async () => {
			const mine = (await listExecutions(stack().client, workflow.id)).filter(
				(execution) => execution.stoppedAt && triggerRunId(execution) === runId,
			);
			if (mine.length > 1) throw new Error(`run ${runId} was handled ${mine.length} times`);
			return mine[0];
		},
		{ what: `the execution for run ${runId}` },
	);
}

/**
 * What "repaired" means for a run: every retryable failure of a healthy clip was retried once and is
 * gone from the manifest; the `[fail]` clip's segments were retried once and reported as failed;
 * non-retryable failures were left alone. Returns how many of each kind there were.
 */
async function expectRepaired(
	runId: string,
	retries: string[],
): Promise<{ repaired: number; failedAgain: number; skipped: number }> {
	const report = nodeOutput(await executionFor(runId), 'Repair report') as unknown as RepairLine[];
	const mine = retries.filter((retry) => retry.startsWith(`${runId}/`));
	expect(tally(mine)).toEqual(
		once(report.map((line) => `${line.run_id}/${line.video_id}/${line.segment_id}`)),
	);

	const broken = new Set(index.videoIds.slice(-1));
	for (const line of report) {
		if (broken.has(line.video_id)) {
			expect(line).toMatchObject({ retry_status: 'failed' });
			expect(line.error).toMatch(/ended with status "failed"/);
		} else {
			expect(line).toMatchObject({ retry_status: 'completed', error: '' });
		}
	}
	const left = await failedSegments(stack().emulator, runId);
	const leftRetryable = left.videos
		.filter((video) => !broken.has(video.video_id))
		.flatMap((video) => video.segments.filter((segment) => segment.retryable !== false));
	expect(leftRetryable).toEqual([]);
	const skipped = left.videos
		.filter((video) => !broken.has(video.video_id))
		.flatMap((video) => video.segments);
	for (const segment of skipped)
		expect(mine.some((retry) => retry.endsWith(`/${segment.segment_id}`))).toBe(false);
	return {
		repaired: report.filter((line) => line.retry_status === 'completed').length,
		failedAgain: report.filter((line) => line.retry_status === 'failed').length,
		skipped: skipped.length,
	};
}

async function streamConnected(): Promise<void> {
	await pollUntil(
		async () => (stack().emulator.control.sse.openConnections() >= 1 ? true : undefined),
		{
			what: 'the event-stream trigger to connect',
		},
	);
}

beforeAll(async () => {
	const credential = stack().credential;
	if (!credential) throw new Error('the stack has no VideoVector credential');
	const promptId = await createScenePrompt(stack().emulator);
	index = await indexWithMedia(stack().emulator, promptId, {
		healthy: 4,
		failing: 1,
		name: 'Flaky videos',
	});
	workflow = await installExample(stack().client, 'repairSegments', {
		credentials: { n8nNodesVideoVectorApi: credential },
		parameters: { 'Retry segment': { pollInterval: 0.1 } },
	});
	await stack().publish(workflow.id);
	await streamConnected();
});

describe('example 4: failed segments → retry → wait for the outcome', () => {
	it('retries each retryable failed segment once, reports the ones that fail again, skips the rest', async () => {
		stack().emulator.control.requests.clear();
		const runId = await startRun(stack().emulator, index);
		await executionFor(runId);
		const outcome = await expectRepaired(runId, acceptedRetries(stack().emulator));
		// The seeded failure rates give every kind at least once.
		expect(outcome.repaired).toBeGreaterThan(0);
		expect(outcome.failedAgain).toBeGreaterThan(0);
		expect(outcome.skipped).toBeGreaterThan(0);
		await expectSuccessfulExecutions(stack(), workflow.id, 1);
	});

	it('gives the same result through a cut event stream, 429 storms and 5xx bursts', async () => {
		const { control } = stack().emulator;
		control.requests.clear();
		control.faults.set([
			{
				kind: 'rate_limit',
				method: 'GET',
				path: '/prompt-runs/*/failed-segments',
				next: 3,
				retryAfterSeconds: 1,
			},
			{
				kind: 'server_error',
				method: 'POST',
				pathRegex: '^/prompt-runs/[^/]+/videos/[^/]+/segments/[^/]+/retry$',
				next: 3,
				status: 503,
			},
		]);
		// The next two streams break: one after its first event, one in the middle of an event.
		control.faults.sse({ afterEvents: 1, mode: 'cut', connections: 1 });
		let runIds: string[];
		try {
			control.sse.streamError('internal_error', 'injected by the example test');
			runIds = [await startRun(stack().emulator, index), await startRun(stack().emulator, index)];
			await executionFor(runIds[0] as string);
			control.faults.sse({ afterEvents: 0, mode: 'cut_mid_event', connections: 1 });
			control.sse.streamError('internal_error', 'injected by the example test');
			runIds.push(await startRun(stack().emulator, index));
			await executionFor(runIds[2] as string);
			await executionFor(runIds[1] as string);
		} finally {
			control.faults.clear();
			control.faults.sse(null);
		}
		const retries = acceptedRetries(stack().emulator);
		for (const runId of runIds) await expectRepaired(runId, retries);
		expect(tally(retries)).toEqual(once(retries));
		const refused = control.requests
			.list({ method: 'GET' })
			.filter((request) => request.path.endsWith('/failed-segments') && request.status === 429);
		expect(refused).toHaveLength(3);
		// The stream really broke: the trigger reconnected after the injected breaks, resuming each time.
		const reconnects = control.requests.list({ method: 'GET', path: '/processing/events/stream' });
		expect(reconnects.length).toBeGreaterThanOrEqual(2);
		for (const reconnect of reconnects)
			expect(reconnect.headers['last-event-id']).toMatch(/^\d{12}$/);
		await expectSuccessfulExecutions(stack(), workflow.id, 4);
	});

	it('handles every finished run exactly once across an n8n restart in the middle', async () => {
		stack().emulator.control.requests.clear();
		const first = await startRun(stack().emulator, index);
		await executionFor(first);

		// These finish while n8n stops, is down and starts again; the trigger resumes after its last event.
		const during = [
			await startRun(stack().emulator, index),
			await startRun(stack().emulator, index),
		];
		const restarting = stack().restart();
		const whileDown = await startRun(stack().emulator, index);
		await restarting;
		await streamConnected();
		const after = await startRun(stack().emulator, index);

		const runIds = [first, ...during, whileDown, after];
		for (const runId of runIds) await executionFor(runId);
		const retries = acceptedRetries(stack().emulator);
		for (const runId of runIds) await expectRepaired(runId, retries);
		expect(tally(retries)).toEqual(once(retries));
		const handled = (await successfulExecutions(stack(), workflow.id))
			.map(triggerRunId)
			.filter((runId) => runIds.includes(runId));
		expect(tally(handled)).toEqual(once(runIds));
	});
});
