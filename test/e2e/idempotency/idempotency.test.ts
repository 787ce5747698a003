import { rmSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';

import type { RunningEmulator } from '../../../emulator/app';
import { type StoredCredential, upsertCredential } from '../../../tools/n8n/credential';
import { createApiKey } from '../../../tools/n8n/owner';
import type { Execution, Workflow, WorkflowJson } from '../../../tools/n8n/workflow-types';
import { nodeDescription } from '../harness/package-types';
import { type Stack, startStack } from '../harness/stack';
import { createWorkflow } from '../harness/workflows';
import { asCatalogFixture, createAccount, type IdempotencyAccount } from './account';
import { type KeyedWrite, operationFor, nodeName, writesWorkflow } from './keyed-writes';

/**
 * Idempotency keys in the real n8n, against one emulator account:
 * - a write whose answer was lost creates exactly one resource, whether it is retried by the node's
 *   own retries, by n8n's "Retry On Fail", or by retrying the failed execution from the executions
 *   list (`POST /rest/executions/:id/retry`, a new execution id);
 * - two different writes never share a key: two fresh n8n instances on one account, and one n8n
 *   whose database was reset, all number their first execution 1 and still get distinct resources.
 * Three n8n boots in all (instance A, instance B, A after its reset), one emulator.
 */

const description = nodeDescription('videoVector');

/** Every write kind the issue names, plus the upload. */
const LOST_ANSWER_WRITES: KeyedWrite[] = [
	'indexes.create',
	'prompt_runs.execute',
	'exports.createIndexExport',
	'import_jobs.create',
	'webhooks.create',
	'prompt_runs.retrySegment',
	'workflow.upload',
].map((endpoint) => operationFor(endpoint as Parameters<typeof operationFor>[0]));

/** What two instances both do as their first execution: upload a media item and start a run. */
const FIRST_RUN_WRITES = [operationFor('workflow.upload'), operationFor('prompt_runs.execute')];

/** The first attempt and the node's 3 own retries (shared/http policy) all lose their answer. */
const LOST_PER_WRITE = 4;

/** The emulator resource count each write adds to (segment retries are not counted there). */
const COUNTED: Partial<Record<string, string>> = {
	'indexes.create': 'indexes',
	'prompt_runs.execute': 'prompt_runs',
	'exports.createIndexExport': 'exports',
	'import_jobs.create': 'import_jobs',
	'webhooks.create': 'webhooks',
	'workflow.upload': 'videos',
};

interface Recorded {
	method: string;
	path: string;
	status: number | null;
	headers: Record<string, string | string[]>;
}

let a: Stack;
let b: Stack;
let emulator: RunningEmulator;
let account: IdempotencyAccount;

beforeAll(async () => {
	const tarball = inject('vvPackageTarball');
	// One at a time: each boot is tens of seconds of CPU on a loaded machine.
	a = await startStack({
		tarball,
		emulator: { seed: 'empty', clockScale: 0, randomSeed: 'e2e-idempotency' },
	});
	b = await startStack({ tarball, emulator: { seed: 'empty', clockScale: 0 } });
	emulator = a.emulator;
	account = await createAccount(emulator, 2);
});

beforeEach(({ onTestFailed }) => {
	onTestFailed(() => {
		for (const [name, stack] of [
			['A', a],
			['B', b],
		] as const)
			if (stack) process.stderr.write(`\n--- n8n ${name} log, last lines ---\n${stack.logs(40)}\n`);
	});
});

afterAll(async () => {
	await b?.stop();
	await a?.stop();
});

/** A credential in `stack`'s n8n for the shared account on instance A's emulator. */
function sharedCredential(stack: Stack): Promise<StoredCredential> {
	return upsertCredential(stack.client, 'VideoVector (shared account)', {
		authentication: 'apiKey',
		apiKey: emulator.apiKey,
		baseUrl: emulator.baseUrl,
	});
}

async function importInto(stack: Stack, json: WorkflowJson): Promise<Workflow> {
	return createWorkflow(stack.client, json);
}

function workflowFor(
	name: string,
	writes: KeyedWrite[],
	credential: StoredCredential,
	settings?: Record<string, unknown>,
	segment = account.failedSegments[0]!,
): WorkflowJson {
	return writesWorkflow(writes, {
		name,
		packageName: a.packageName,
		description,
		fixture: asCatalogFixture(account, segment),
		origin: emulator.origin,
		credential,
		settings,
	});
}

function posts(write: KeyedWrite): Recorded[] {
	return (emulator.control.requests.list({ method: 'POST' }) as unknown as Recorded[]).filter(
		(request) => write.pattern.test(request.path),
	);
}

const keyOf = (request: Recorded) => String(request.headers['idempotency-key'] ?? '');

function counts(): Record<string, number> {
	return emulator.control.counts() as unknown as Record<string, number>;
}

function loseAnswers(writes: KeyedWrite[]): Array<{ id: string }> {
	return writes.map((write) =>
		emulator.control.faults.add({
			kind: 'lost_answer',
			lostAs: 'bad_gateway',
			method: 'POST',
			path: write.glob,
			next: LOST_PER_WRITE,
		}),
	);
}

/** Checks each write was sent with one key throughout and applied once; returns the attempts per write. */
function expectAppliedOnce(
	writes: KeyedWrite[],
	before: Record<string, number>,
): Record<string, number> {
	const after = counts();
	const attempts: Record<string, number> = {};
	for (const write of writes) {
		const sent = posts(write);
		attempts[nodeName(write)] = sent.length;
		expect(new Set(sent.map(keyOf)), nodeName(write)).toEqual(
			new Set([expect.stringMatching(/^n8n-[0-9a-f]{64}$/)]),
		);
		// A second application would have been answered by the API, not lost: a 409 for a segment
		// retry already in progress, a new resource in the counts for the others.
		expect(
			sent.filter((request) => request.status === 409),
			nodeName(write),
		).toEqual([]);
		const counted = COUNTED[write.endpoint];
		if (counted)
			expect(after[counted]! - before[counted]!, `${nodeName(write)} → ${counted}`).toBe(1);
	}
	return attempts;
}

function outputOf(execution: Execution, node: string): Record<string, unknown> {
	const run = execution.data!.resultData.runData[node]?.at(-1);
	if (!run || run.error) throw new Error(`${node}: ${run?.error?.message ?? 'did not run'}`);
	return run.data!.main[0]![0]!.json;
}

interface FirstRun {
	executionId: string;
	workflowId: string;
	nodeIds: string[];
	keys: string[];
	videoId: string;
	runId: string;
}

/** Imports the upload-and-run workflow and runs it as the instance's first execution. */
async function firstRun(stack: Stack, credential: StoredCredential): Promise<FirstRun> {
	emulator.control.requests.clear();
	const workflow = await importInto(
		stack,
		workflowFor('Upload and run', FIRST_RUN_WRITES, credential),
	);
	const execution = await stack.runManually(workflow);
	expect(execution.status, JSON.stringify(execution.data?.resultData.error)).toBe('success');
	const [upload, run] = FIRST_RUN_WRITES as [KeyedWrite, KeyedWrite];
	const uploaded = outputOf(execution, nodeName(upload));
	const started = outputOf(execution, nodeName(run));
	return {
		executionId: execution.id,
		workflowId: workflow.id,
		nodeIds: workflow.nodes.map((node) => String(node.id)),
		keys: FIRST_RUN_WRITES.flatMap((write) => posts(write).map(keyOf)),
		videoId: String(
			(uploaded.video as { video_id?: string } | undefined)?.video_id ?? uploaded.video_id,
		),
		runId: String(started.run_id),
	};
}

describe('idempotency keys in the real n8n', () => {
	const firstRuns: FirstRun[] = [];

	it('gives two fresh n8n instances on one account distinct keys and resources, though both run execution 1', async () => {
		firstRuns.push(await firstRun(a, await sharedCredential(a)));
		firstRuns.push(await firstRun(b, await sharedCredential(b)));
		const [ofA, ofB] = firstRuns as [FirstRun, FirstRun];
		// The same template, the same execution number, the same node ids: only instance and workflow differ.
		expect(ofB.executionId).toBe(ofA.executionId);
		expect(ofB.nodeIds).toEqual(ofA.nodeIds);
		expect(ofB.workflowId).not.toBe(ofA.workflowId);
		expect(ofA.keys).toHaveLength(2);
		expect(new Set([...ofA.keys, ...ofB.keys]).size).toBe(4);
		expect(ofB.videoId).not.toBe(ofA.videoId);
		expect(ofB.runId).not.toBe(ofA.runId);
	});

	it('applies each lost-answer write once through the node\'s own retries and n8n\'s "Retry On Fail"', async () => {
		const credential = await sharedCredential(a);
		const workflow = await importInto(
			a,
			workflowFor('Lost answers, Retry On Fail', LOST_ANSWER_WRITES, credential, {
				retryOnFail: true,
				maxTries: 2,
				waitBetweenTries: 0,
			}),
		);
		const rules = loseAnswers(LOST_ANSWER_WRITES);
		try {
			emulator.control.requests.clear();
			const before = counts();
			const execution = await a.runManually(workflow);
			expect(execution.status, JSON.stringify(execution.data?.resultData.error)).toBe('success');
			const attempts = expectAppliedOnce(LOST_ANSWER_WRITES, before);
			// 4 lost answers (own retries exhausted), then Retry On Fail's attempt is answered (a replay).
			for (const write of LOST_ANSWER_WRITES)
				expect(attempts[nodeName(write)], nodeName(write)).toBe(LOST_PER_WRITE + 1);
		} finally {
			for (const rule of rules) emulator.control.faults.remove(rule.id);
		}
	});

	it('applies each lost-answer write once when the failed execution is retried from the executions list', async () => {
		const credential = await sharedCredential(a);
		const workflow = await importInto(
			a,
			workflowFor(
				'Lost answers, execution retry',
				LOST_ANSWER_WRITES,
				credential,
				undefined,
				account.failedSegments[1],
			),
		);
		const rules = loseAnswers(LOST_ANSWER_WRITES);
		try {
			emulator.control.requests.clear();
			const before = counts();
			let execution = await a.runManually(workflow);
			const executionIds = [execution.id];
			// Each execution gets one node further: its write's answers are lost until the node gives up.
			while (
				execution.status !== 'success' &&
				executionIds.length <= LOST_ANSWER_WRITES.length + 1
			) {
				expect(execution.status).toBe('error');
				const retried = await a.client.rest<{ id: string }>(
					'POST',
					`/executions/${execution.id}/retry`,
					{
						loadWorkflow: false,
					},
				);
				execution = await a.waitForExecution(retried.id);
				executionIds.push(execution.id);
			}
			expect(execution.status, JSON.stringify(execution.data?.resultData.error)).toBe('success');
			// Every write failed once in its own execution: as many retries as writes, each a new execution id.
			expect(new Set(executionIds).size).toBe(LOST_ANSWER_WRITES.length + 1);
			const attempts = expectAppliedOnce(LOST_ANSWER_WRITES, before);
			for (const write of LOST_ANSWER_WRITES)
				expect(attempts[nodeName(write)], nodeName(write)).toBe(LOST_PER_WRITE + 1);
		} finally {
			for (const rule of rules) emulator.control.faults.remove(rule.id);
		}
	});

	it('gives an n8n whose database was reset new keys and resources, though it runs execution 1 again', async () => {
		expect(firstRuns).toHaveLength(2);
		await a.stopN8n();
		const data = path.join(a.userFolder, '.n8n');
		for (const file of ['database.sqlite', 'database.sqlite-wal', 'database.sqlite-shm'])
			rmSync(path.join(data, file), { force: true });
		await a.restart();
		await createApiKey(a.client, 'e2e after reset');
		const afterReset = await firstRun(a, await sharedCredential(a));
		const [ofA, ofB] = firstRuns as [FirstRun, FirstRun];
		expect(afterReset.executionId).toBe(ofA.executionId);
		expect(afterReset.nodeIds).toEqual(ofA.nodeIds);
		expect(new Set([...ofA.keys, ...ofB.keys, ...afterReset.keys]).size).toBe(6);
		expect(new Set([ofA.videoId, ofB.videoId, afterReset.videoId]).size).toBe(3);
		expect(new Set([ofA.runId, ofB.runId, afterReset.runId]).size).toBe(3);
	});
});
