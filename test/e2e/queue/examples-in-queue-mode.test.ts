import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';

import type { RunningEmulator } from '../../../emulator/app';
import { callApi } from '../../../tools/examples/api';
import { readExample } from '../../../tools/examples/catalog';
import {
	receiverCredential,
	saveCredential,
	smtpCredential,
} from '../../../tools/examples/credentials';
import {
	acceptedRetries,
	createScenePrompt,
	deliveryAttemptsForRun,
	exportFile,
	exportIndex,
	indexWithMedia,
	type SeededIndex,
	startRun,
} from '../../../tools/examples/emulator';
import { prepareExample } from '../../../tools/examples/prepare';
import {
	linkReceiver,
	newReceiverSecret,
	type ReceiverLink,
} from '../../../tools/examples/receiver';
import type { Execution, NodeRun, Workflow } from '../../../tools/n8n/workflow-types';
import { executionIdsIncludingRunning, listExecutions, nodeOutput } from '../harness/executions';
import { LONG_WAIT_MS, WAIT_MS } from '../harness/patience';
import { pollUntil } from '../harness/poll';
import { settledDeliveryAttempts } from '../harness/settled-deliveries';
import { createWorkflow } from '../harness/workflows';
import { describeExecutions, executionsThatRan, once, tally } from '../examples/support/checks';
import { CLOCK_SCALE, PATIENT_WEBHOOK_RETRIES } from '../examples/support/use-example-stack';
import { type HoldingGate, processGroupOfPort, startHoldingGate } from './holding-gate';
import { restartWorkerAndRetry } from '../../../tools/n8n/worker-recovery';
import { QueueStack } from './queue-stack';

/**
 * Examples 1, 3 and 4, unchanged, in n8n queue mode (main + webhook processor + two workers on
 * PostgreSQL and Redis; docs/scaling.md): every event handled exactly once when a delivery and its
 * duplicate land on two different processes and when main restarts mid-stream; the event-stream
 * trigger runs once, on main. One topology for the file: it takes minutes to boot on 2 cores.
 * A worker killed with -9 in the middle of an execution: n8n 2.41 does not re-run it by itself; the
 * worker restarted in its own folder marks it crashed with its saved progress and n8n's retry
 * resumes it after the last finished node (tools/n8n/worker-recovery.ts, docs/scaling.md).
 */

const ARCHIVE_PATH = '/archive/videovector';
const EXAMPLE_3_TRIGGER = 'Export ready';
const EXAMPLE_4_TRIGGER = 'Run finished with failures';
let stack: QueueStack;
/** Account of examples 1 and 3 (signed webhooks, exports). */
let alerts: RunningEmulator;
/** Account of example 4, whose runs fail segments on purpose (kept apart so example 1 is not alerted about them). */
let repairs: RunningEmulator;
const workflows: Record<'runAlert' | 'exportArchive' | 'repairSegments', Workflow> = {} as never;
let receiver: ReceiverLink;
let alertIndex: SeededIndex;
let repairIndex: SeededIndex;
let exportedIndexId: string;
/** In front of the Slack sink: lets example 1's "Post to Slack" be held on the worker running it. */
let slackGate: HoldingGate;
/** In front of the archive endpoint: lets example 3's "Send to archive" be held likewise. */
let archiveGate: HoldingGate;

function fail(error: unknown, detail: string): never {
	(error as Error).message += `\n${detail}`;
	throw error;
}

async function finished(workflow: Workflow): Promise<Execution[]> {
	return (await listExecutions(stack.client, workflow.id)).filter(
		(execution) => execution.stoppedAt !== null,
	);
}

/** The run an example 1 execution handled; 'none' for one whose data n8n emptied (a failed job). */
const runOfAlert = (execution: Execution) =>
	execution.data?.resultData.runData['Get run'] === undefined
		? 'none'
		: String(nodeOutput(execution, 'Get run')[0]?.run_id);
const runOfRepair = (execution: Execution) =>
	String(
		(nodeOutput(execution, EXAMPLE_4_TRIGGER)[0]?.data as { run_id?: string } | undefined)?.run_id,
	);

/** Example 1: one Slack message and one email per run, and one execution that posted it. */
async function expectAlertedOnce(runIds: string[], before: { slack: number; mail: number }) {
	const slack = (
		await stack.sinks.slack.waitForMessages(before.slack + runIds.length, LONG_WAIT_MS)
	).slice(before.slack);
	const mail = (
		await stack.sinks.smtp.waitForMessages(before.mail + runIds.length, LONG_WAIT_MS)
	).slice(before.mail);
	const runId = (text: string) => /Prompt run (\S+) /.exec(text)?.[1] ?? 'none';
	expect(tally(slack.map((message) => runId(message.text)))).toEqual(once(runIds));
	expect(tally(mail.map((message) => runId(message.subject)))).toEqual(once(runIds));
	// The email is the last node, but the worker saves the execution as finished a moment after
	// sending it: wait until an execution that posted is saved for every run, then count them.
	const postedRuns = (executions: Execution[]) =>
		executionsThatRan(executions, 'Post to Slack')
			.map(runOfAlert)
			.filter((id) => runIds.includes(id));
	const executions = await pollUntil(
		async () => {
			const done = await finished(workflows.runAlert);
			const posted = postedRuns(done);
			return runIds.every((id) => posted.includes(id)) ? done : undefined;
		},
		{
			what: `saved example 1 executions that posted for ${runIds.length} runs`,
			timeoutMs: LONG_WAIT_MS,
		},
	);
	expect(tally(postedRuns(executions)), describeExecutions(executions, runOfAlert)).toEqual(
		once(runIds),
	);
}

/** Example 3: each export POSTed downstream once, with the bytes the API serves (binary data in the database mode). */
async function expectArchivedOnce(exportIds: string[], before: number) {
	const posts = (
		await stack.sinks.downstream.waitForRequests(
			before + exportIds.length,
			{ method: 'POST', path: ARCHIVE_PATH },
			LONG_WAIT_MS,
		)
	).slice(before);
	expect(tally(posts.map((post) => String(post.headers['x-videovector-export-id'])))).toEqual(
		once(exportIds),
	);
	for (const post of posts) {
		const exportId = post.headers['x-videovector-export-id'] as string;
		expect(post.body.equals(await exportFile(alerts, exportId))).toBe(true);
	}
}

/** Example 4: each run handled by exactly one finished execution, each retryable segment retried once. */
async function expectRepairedOnce(runIds: string[]) {
	const executions = await pollUntil(
		async () => {
			const done = (await finished(workflows.repairSegments)).filter((execution) =>
				runIds.includes(runOfRepair(execution)),
			);
			return done.length >= runIds.length ? done : undefined;
		},
		{ what: `example 4 executions for ${runIds.length} runs`, timeoutMs: LONG_WAIT_MS },
	);
	expect(tally(executions.map(runOfRepair)), describeExecutions(executions, runOfRepair)).toEqual(
		once(runIds),
	);
	const retries = acceptedRetries(repairs);
	expect(tally(retries)).toEqual(once(retries));
}

function archived(): number {
	return stack.sinks.downstream.requests({ method: 'POST', path: ARCHIVE_PATH }).length;
}

function sinkCounts() {
	return { slack: stack.sinks.slack.messages().length, mail: stack.sinks.smtp.messages().length };
}

/** When a node run started (n8n saves it with each run; the harness type leaves it out). */
function startTime(run: unknown): number | undefined {
	return (run as { startTime?: number } | undefined)?.startTime;
}

/** The execution as n8n has it saved now (running ones included), with its data. */
async function executionById(id: string): Promise<Execution> {
	return stack.client.api<Execution>('GET', `/executions/${id}?includeData=true`);
}

/**
 * Kills with -9 the worker that runs `workflow`'s execution for the event `start()` causes, while
 * that execution waits on a call `gate` holds (after its Remove Duplicates guard `guard`), then
 * recovers the worker as `npm start -- --queue` does (tools/n8n/worker-recovery.ts). Checks that
 * the retry resumed after the guard and that main later gives the dead job up; returns the
 * retry's run data.
 */
async function killWorkerMidCall(
	gate: HoldingGate,
	workflow: Workflow,
	guard: string,
	start: () => Promise<string>,
): Promise<Record<string, NodeRun[]>> {
	const held = gate.holdNext();
	const eventId = await start();
	const request = await held;
	expect(`${JSON.stringify(request.headers)} ${request.body}`).toContain(eventId);
	const group = await processGroupOfPort(request.callerPort);
	const worker = stack.topology.members.find(
		(member) => member.role === 'worker' && member.running?.pid === group,
	);
	expect(worker, `the process holding the call (group ${group}) is a worker`).toBeDefined();
	const executionId = (await executionIdsIncludingRunning(stack.client, workflow.id)).at(
		-1,
	) as string;
	const progress = await executionById(executionId);
	expect(progress.status).toBe('running');
	// EXECUTIONS_DATA_SAVE_ON_PROGRESS (set by the topology): the finished nodes are saved.
	const guardRun = progress.data?.resultData.runData[guard]?.[0];
	expect(startTime(guardRun), 'the guard has run and its result is saved').toBeTypeOf('number');

	await stack.topology.killMember(worker!.label);
	const outcomes = await restartWorkerAndRetry(stack.topology, worker!.label, stack.client);
	const outcome = outcomes.find((candidate) => candidate.executionId === executionId);
	process.stderr.write(
		`\nworker-kill: ${worker!.label} held execution ${executionId} (${eventId}); recovery ${JSON.stringify(outcomes)}\n`,
	);
	expect(outcome, JSON.stringify(outcomes)).toMatchObject({
		status: 'crashed',
		retryStatus: 'success',
	});
	// The retry resumed after the last finished node: the guard's run is the one saved before the
	// kill (run again, it would have dropped the event).
	const retried = (await executionById(outcome!.retryId!)).data?.resultData.runData ?? {};
	expect(retried[guard]).toHaveLength(1);
	expect(startTime(retried[guard]?.[0])).toBe(startTime(guardRun));

	// Main gives up on the dead worker's Bull job later (lock expiry, stalled check, 30 s re-check)
	// and replaces the crashed execution's data with an error: a retry after that would have
	// nothing to resume from.
	const givenUp = await pollUntil(
		async () => {
			const execution = await executionById(executionId);
			return execution.status === 'error' ? execution : undefined;
		},
		{ what: `main to fail execution ${executionId}`, timeoutMs: LONG_WAIT_MS },
	);
	process.stderr.write(
		`worker-kill: execution ${executionId} then ${givenUp.status} (${givenUp.data?.resultData.error?.message}), nodes kept ${Object.keys(givenUp.data?.resultData.runData ?? {}).length}\n`,
	);
	expect(givenUp.data?.resultData.error?.message).toMatch(/too many times/);
	expect(givenUp.data?.resultData.runData).toEqual({});
	return retried;
}

async function streamConnected(): Promise<void> {
	await pollUntil(async () => (repairs.control.sse.openConnections() >= 1 ? true : undefined), {
		what: 'the event-stream trigger to connect',
	});
}

beforeAll(async () => {
	stack = await QueueStack.start(inject('vvPackageTarball'), [
		{
			seed: 'empty',
			clockScale: CLOCK_SCALE,
			// Four n8n processes and PostgreSQL on 2 shared cores can take longer than the API's 10 s
			// to answer a delivery; a timed-out copy would be retried and muddle the duplicate count.
			config: { webhooks: { ...PATIENT_WEBHOOK_RETRIES, timeoutMs: 60_000 } },
		},
		{
			seed: 'empty',
			clockScale: CLOCK_SCALE,
			config: {
				simulation: {
					segmentFailureRate: 0.4,
					nonRetryableFailureRate: 0.3,
					retryFailureRate: 0,
				},
				sse: { retryMs: 200 },
				requestLogLimit: 50_000,
			},
		},
	]);
	[alerts, repairs] = stack.emulators as [RunningEmulator, RunningEmulator];
	const [alertsCredential, repairsCredential] = stack.credentials;
	const smtp = await saveCredential(stack.client, smtpCredential(stack.sinks.smtp.port));
	const secret = newReceiverSecret();
	const receiverRef = await saveCredential(stack.client, receiverCredential(secret));
	slackGate = await startHoldingGate(stack.sinks.slack.origin);
	archiveGate = await startHoldingGate(stack.sinks.downstream.origin);

	workflows.runAlert = await createWorkflow(
		stack.client,
		prepareExample(readExample('runAlert'), {
			credentials: { n8nNodesVideoVectorApi: alertsCredential!, smtp },
			settings: {
				slackWebhookUrl: `${slackGate.origin}${new URL(stack.sinks.slack.webhookUrl).pathname}`,
				emailFrom: 'alerts@videovector.test',
				emailTo: 'video-team@videovector.test',
				runLinkBase: `${alerts.baseUrl}/prompt-runs/`,
			},
		}),
	);
	workflows.exportArchive = await createWorkflow(
		stack.client,
		prepareExample(readExample('exportArchive'), {
			credentials: {
				n8nNodesVideoVectorApi: alertsCredential!,
				n8nNodesVideoVectorReceiverApi: receiverRef,
			},
			settings: { archiveUrl: `${archiveGate.origin}${ARCHIVE_PATH}` },
		}),
	);
	workflows.repairSegments = await createWorkflow(
		stack.client,
		prepareExample(readExample('repairSegments'), {
			credentials: { n8nNodesVideoVectorApi: repairsCredential! },
			parameters: { 'Retry segment': { pollInterval: 0.1 } },
		}),
	);
	for (const workflow of Object.values(workflows)) await stack.publish(workflow.id);

	await pollUntil(
		async () =>
			(await callApi<unknown[]>(alerts, 'GET', '/webhooks')).length === 1 ? true : undefined,
		{ what: "example 1's webhook subscription" },
	);
	const webhookId = readExample('exportArchive').nodes.find(
		(node) => node.name === EXAMPLE_3_TRIGGER,
	)?.webhookId;
	// Through the balancer, like VideoVector's own deliveries: main and the webhook processor take turns.
	const targetUrl = `${stack.topology.webhookOrigin}/webhook/${webhookId}/webhook`;
	await pollUntil(
		async () =>
			(await fetch(targetUrl, { method: 'POST', body: '{}' })).status === 404 ? undefined : true,
		{ what: 'the receiver-mode trigger to be registered' },
	);
	receiver = await linkReceiver(alerts, {
		events: ['export.ready', 'export.failed'],
		targetUrl,
		targetSecret: secret,
	});
	const alertPrompt = await createScenePrompt(alerts);
	alertIndex = await indexWithMedia(alerts, alertPrompt, {
		healthy: 2,
		failing: 1,
		name: 'Alerts',
	});
	const seeded = alerts.control.seed.index({ media: 2, segmentsPerMedia: 2, name: 'Exported' });
	exportedIndexId = seeded.index_id as string;
	const repairPrompt = await createScenePrompt(repairs);
	repairIndex = await indexWithMedia(repairs, repairPrompt, {
		healthy: 3,
		failing: 1,
		name: 'Flaky',
	});
	await streamConnected();
});

afterAll(async () => {
	await receiver?.close();
	await stack?.stop();
	await slackGate?.close();
	await archiveGate?.close();
});

beforeEach(({ onTestFailed }) => {
	onTestFailed(() => {
		if (stack) process.stderr.write(`\n${stack.logs(40)}\n`);
	});
});

describe('examples 1, 3 and 4 in n8n queue mode', () => {
	it('runs the event-stream trigger once, on main only', async () => {
		// Webhook processors and workers never activate triggers; main does, once.
		expect(repairs.control.sse.openConnections()).toBe(1);
		const runId = await startRun(repairs, repairIndex);
		await expectRepairedOnce([runId]);
		expect(repairs.control.sse.openConnections()).toBe(1);
	});

	it('handles a delivery and its duplicate landing on main and the webhook processor once', async () => {
		const before = sinkCounts();
		const archivedBefore = archived();
		const executionsBefore = (await finished(workflows.runAlert)).length;
		alerts.control.faults.webhooks({ duplicate: true });
		const runIds: string[] = [];
		let exportId: string;
		try {
			for (let n = 0; n < 3; n++) {
				runIds.push(await startRun(alerts, alertIndex));
				await stack.sinks.slack.waitForMessages(before.slack + runIds.length, WAIT_MS);
			}
			exportId = await exportIndex(alerts, exportedIndexId);
			await expectArchivedOnce([exportId], archivedBefore);
		} finally {
			alerts.control.faults.webhooks(null);
		}
		await expectAlertedOnce(runIds, before);
		const path = `/webhook/${readExample('runAlert').nodes.find((node) => node.name === 'Run finished')?.webhookId}/webhook`;
		for (const runId of runIds) {
			const attempts = await settledDeliveryAttempts(alerts, runId);
			expect(attempts.map((attempt) => [attempt.status_code, attempt.duplicate])).toEqual([
				[200, false],
				[200, true],
			]);
		}
		// Read once every copy was answered (above), so none is still on its way through the balancer.
		const calls = stack.topology.balancer.requests().filter((request) => request.path === path);
		// Each copy went to the other process than its original: the duplicate memory is shared.
		expect(calls).toHaveLength(runIds.length * 2);
		for (let n = 0; n < calls.length; n += 2)
			expect(new Set([calls[n]?.upstream, calls[n + 1]?.upstream])).toEqual(
				new Set(['main', 'webhook-1']),
			);
		// Every copy that got through the trigger stopped at the workflow's own guard ("Not alerted
		// yet?", n8n's Remove Duplicates in the shared database): see docs/scaling.md on why the
		// trigger's static-data memory does not catch every copy across processes.
		const all = await finished(workflows.runAlert); // newest first
		const executions = all.slice(0, all.length - executionsBefore);
		expect(executions.length).toBeGreaterThanOrEqual(runIds.length);
		for (const execution of executions) expect(execution.status).toBe('success');
	});

	it('handles every event exactly once when main restarts mid-stream', async () => {
		const before = sinkCounts();
		const archivedBefore = archived();
		const runIds = [await startRun(alerts, alertIndex)];
		const exportIds = [await exportIndex(alerts, exportedIndexId)];
		const repairIds = [await startRun(repairs, repairIndex)];
		await stack.sinks.slack.waitForMessages(before.slack + 1, WAIT_MS);

		const restarting = stack.restartMain();
		// While main stops and starts: webhooks keep landing on the webhook processor, the
		// event-stream trigger is down and resumes after its last finished event.
		runIds.push(await startRun(alerts, alertIndex));
		exportIds.push(await exportIndex(alerts, exportedIndexId));
		repairIds.push(await startRun(repairs, repairIndex));
		await restarting;
		await streamConnected();
		runIds.push(await startRun(alerts, alertIndex));
		exportIds.push(await exportIndex(alerts, exportedIndexId));
		repairIds.push(await startRun(repairs, repairIndex));

		await expectAlertedOnce(runIds, before).catch(async (error: unknown) =>
			fail(
				error,
				(
					await Promise.all(
						runIds.map(
							async (id) => `${id}: ${JSON.stringify(await deliveryAttemptsForRun(alerts, id))}`,
						),
					)
				).join('\n'),
			),
		);
		await expectArchivedOnce(exportIds, archivedBefore);
		await expectRepairedOnce(repairIds);
		expect(repairs.control.sse.openConnections()).toBe(1);
	});

	it('handles an event exactly once when the worker running it is killed with -9 in its middle (example 1)', async () => {
		const before = sinkCounts();
		let runId = '';
		const retried = await killWorkerMidCall(
			slackGate,
			workflows.runAlert,
			'Not alerted yet?',
			async () => {
				runId = await startRun(alerts, alertIndex);
				return runId;
			},
		);
		expect(retried['Post to Slack']).toHaveLength(1);
		expect(retried['Send email']).toHaveLength(1);
		// One Slack message and one email for the run, posted by one execution (the retry).
		await expectAlertedOnce([runId], before);
	}, 900_000);

	it('archives an export exactly once when the worker running it is killed with -9 in its middle (example 3)', async () => {
		const archivedBefore = archived();
		let exportId = '';
		const retried = await killWorkerMidCall(
			archiveGate,
			workflows.exportArchive,
			'Not archived yet?',
			async () => {
				exportId = await exportIndex(alerts, exportedIndexId);
				return exportId;
			},
		);
		expect(retried['Send to archive']).toHaveLength(1);
		// Posted once, with the bytes the API serves: the retry read the downloaded file that the
		// killed worker had saved (binary data in the database mode).
		await expectArchivedOnce([exportId], archivedBefore);
	}, 900_000);
});
