import { beforeAll, describe, expect, it } from 'vitest';

import { executionIdsIncludingRunning, nodeOutput } from '../harness/executions';
import { pollUntil } from '../harness/poll';
import type { Execution, Workflow } from '../../../tools/n8n/workflow-types';
import { successfulExecutions } from './support/checks';
import {
	createConnector,
	createIndex,
	createScenePrompt,
	getRun,
	importJobsOf,
	loggedRequests,
	runsOfIndex,
} from '../../../tools/examples/emulator';
import { installExample } from './support/install';
import { useExampleStack } from './support/use-example-stack';

/**
 * Example 2 (examples/02-scheduled-import.json) in a real n8n: Schedule Trigger → connector test →
 * import job (waited for) → prompt run over exactly the imported media (waited for) → summary.
 * The emulator's bucket lists 5 objects under `videos/`: 4 import, `corrupt-upload.mp4` fails.
 */

const { stack } = useExampleStack();
const TRIGGER = 'Every hour';
const FAST_POLLING = { pollInterval: 0.1 };
let connectorId: string;
let promptId: string;

interface Summary {
	import_job_id: string;
	files_imported: number;
	files_failed: number;
	files_skipped: number;
	run_id?: string;
	run_status?: string;
	media_processed?: number;
	segments_processed?: number;
}

/** The example configured for a fresh index of its own, so each test sees only its own imports. */
async function exampleForNewIndex(
	name: string,
	parameters: Record<string, Record<string, unknown>> = {},
): Promise<{ workflow: Workflow; indexId: string }> {
	const credential = stack().credential;
	if (!credential) throw new Error('the stack has no VideoVector credential');
	const indexId = await createIndex(stack().emulator, name);
	const workflow = await installExample(stack().client, 'scheduledImport', {
		name: `Scheduled import into ${name}`,
		credentials: { n8nNodesVideoVectorApi: credential },
		settings: { connectorId, indexId, promptId, sourcePrefix: 'videos/', filePattern: '*' },
		parameters: {
			'Import new files': FAST_POLLING,
			'Run prompt on new media': FAST_POLLING,
			...parameters,
		},
	});
	return { workflow, indexId };
}

function summaryOf(execution: Execution, node: 'Summary' | 'Nothing new'): Summary {
	expect(execution.status).toBe('success');
	const [summary, ...rest] = nodeOutput(execution, node);
	expect(rest).toEqual([]);
	return summary as unknown as Summary;
}

/** What the emulator holds for the index after a first import: one job, one run over exactly its media. */
async function expectOneImportAndOneRun(indexId: string, summary: Summary): Promise<void> {
	const jobs = await importJobsOf(stack().emulator, indexId);
	expect(jobs).toHaveLength(1);
	const [job] = jobs;
	expect(job).toMatchObject({
		job_id: summary.import_job_id,
		status: 'completed',
		progress: { imported: 4, failed: 1, skipped: 0 },
	});
	expect(job?.video_ids).toHaveLength(4);

	const runs = await runsOfIndex(stack().emulator, indexId);
	expect(runs.map((run) => run.run_id)).toEqual([summary.run_id]);
	const run = await getRun(stack().emulator, summary.run_id ?? '');
	expect(run).toMatchObject({ status: 'completed', total_videos: 4, completed_videos: 4 });
	// The run covers exactly what this import brought in, nothing older and nothing else.
	const executeBodies = stack()
		.emulator.control.requests.list({ method: 'POST', path: '/prompt-runs/execute' })
		.filter((request) => request.status === 202)
		.map(
			(request) =>
				request.body as { target?: { type?: string; index_id?: string; video_ids?: string[] } },
		)
		.filter((body) => body.target?.index_id === indexId);
	expect(executeBodies).toHaveLength(1);
	expect(executeBodies[0]?.target?.type).toBe('videos');
	expect([...(executeBodies[0]?.target?.video_ids ?? [])].sort()).toEqual(
		[...(job?.video_ids ?? [])].sort(),
	);
	expect(summary).toEqual({
		import_job_id: job?.job_id,
		files_imported: 4,
		files_failed: 1,
		files_skipped: 0,
		run_id: run.run_id,
		run_status: 'completed',
		media_processed: 4,
		segments_processed: run.completed_segments,
	});
	expect(run.completed_segments).toBe(run.total_segments);
	expect(run.total_segments).toBeGreaterThanOrEqual(8);
}

beforeAll(async () => {
	connectorId = await createConnector(stack().emulator, 'videovector-e2e-media');
	promptId = await createScenePrompt(stack().emulator);
});

describe('example 2: import on a schedule, then process the new media', () => {
	it('imports the new files, runs the prompt on exactly them and summarizes; the next run finds nothing new', async () => {
		const { workflow, indexId } = await exampleForNewIndex('Scheduled media');
		const first = summaryOf(await stack().runManually(workflow, TRIGGER), 'Summary');
		await expectOneImportAndOneRun(indexId, first);

		const second = summaryOf(await stack().runManually(workflow, TRIGGER), 'Nothing new');
		expect(second).toMatchObject({ files_imported: 0, files_failed: 1, files_skipped: 4 });
		expect(
			(await runsOfIndex(stack().emulator, indexId)).map((existing) => existing.run_id),
		).toEqual([first.run_id]);
	});

	it('gives the same result through 429 storms with Retry-After and 5xx bursts on every call', async () => {
		const { workflow, indexId } = await exampleForNewIndex('Media under faults');
		const { control } = stack().emulator;
		control.requests.clear();
		control.faults.set([
			{
				kind: 'rate_limit',
				method: 'POST',
				path: '/connectors/*/test',
				next: 2,
				retryAfterSeconds: 1,
			},
			{ kind: 'server_error', method: 'POST', path: '/import-jobs', next: 2, status: 502 },
			{ kind: 'rate_limit', method: 'GET', path: '/import-jobs/*', next: 3, retryAfterSeconds: 1 },
			{ kind: 'server_error', method: 'POST', path: '/prompt-runs/execute', next: 3, status: 503 },
			{ kind: 'server_error', method: 'GET', path: '/prompt-runs/*', next: 2, status: 504 },
		]);
		let summary: Summary;
		try {
			summary = summaryOf(await stack().runManually(workflow, TRIGGER), 'Summary');
		} finally {
			control.faults.clear();
		}
		await expectOneImportAndOneRun(indexId, summary);
		const statuses = (method: string, pattern: RegExp) =>
			loggedRequests(stack().emulator, method, pattern).map((request) => request.status);
		expect(statuses('POST', /^\/connectors\/[^/]+\/test$/)).toEqual([429, 429, 200]);
		expect(statuses('POST', /^\/import-jobs$/)).toEqual([502, 502, 202]);
		expect(statuses('POST', /^\/prompt-runs\/execute$/)).toEqual([503, 503, 503, 202]);
		// The retried writes carried one Idempotency-Key each, so a lost answer could not have doubled them.
		const keys = stack()
			.emulator.control.requests.list({ method: 'POST' })
			.filter(
				(request) => request.path === '/import-jobs' || request.path === '/prompt-runs/execute',
			)
			.map((request) => `${request.path} ${String(request.headers['idempotency-key'])}`);
		expect(new Set(keys).size).toBe(2);
	});

	it('runs on its schedule once published', async () => {
		// A first tick within 30 s, and the next one 30 s after it: the workflow is unpublished as soon as
		// the first execution exists, long before a second tick could start another import beside it.
		const everyThirtySeconds = { rule: { interval: [{ field: 'seconds', secondsInterval: 30 }] } };
		const { workflow, indexId } = await exampleForNewIndex('Media on a timer', {
			[TRIGGER]: everyThirtySeconds,
		});
		await stack().publish(workflow.id);
		let first: string;
		try {
			first = await pollUntil(
				async () => (await executionIdsIncludingRunning(stack().client, workflow.id))[0],
				{ what: 'the first scheduled execution to start' },
			);
		} finally {
			await stack().unpublish(workflow.id);
		}
		const scheduled = await stack().waitForExecution(first);
		expect(await executionIdsIncludingRunning(stack().client, workflow.id)).toEqual([first]);
		expect(scheduled.mode).toBe('trigger');
		await expectOneImportAndOneRun(indexId, summaryOf(scheduled, 'Summary'));
		expect((await successfulExecutions(stack(), workflow.id)).length).toBeGreaterThanOrEqual(1);
	});
});
