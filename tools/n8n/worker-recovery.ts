import type { N8nClient } from './n8n-client';
import type { QueueTopology } from './queue-topology';
import type { Execution } from './workflow-types';

/** What became of one execution that was running when a worker was restarted. */
export interface WorkerRecoveryOutcome {
	executionId: string;
	/** Its status once the restarted worker had read its event log. */
	status: string;
	/** The execution n8n's retry started, when it was retried. */
	retryId?: string;
	retryStatus?: string;
	/** Why a crashed execution could not be retried. */
	retryError?: string;
}

async function runningExecutionIds(client: N8nClient): Promise<string[]> {
	const page = await client.api<{ data: Execution[] }>(
		'GET',
		'/executions?status=running&limit=250',
	);
	return page.data.map((execution) => execution.id);
}

async function retry(client: N8nClient, executionId: string): Promise<WorkerRecoveryOutcome> {
	try {
		// n8n answers once the retry has finished; it resumes from the saved node execution stack.
		const retried = await client.api<{ id: string | number; status: string }>(
			'POST',
			`/executions/${executionId}/retry`,
			{},
		);
		return {
			executionId,
			status: 'crashed',
			retryId: String(retried.id),
			retryStatus: retried.status,
		};
	} catch (error) {
		return { executionId, status: 'crashed', retryError: (error as Error).message };
	}
}

/**
 * Restarts a worker that died (killed with -9, out of memory) and retries what it was running.
 * n8n 2.41 never re-runs such an execution by itself (its Bull queue has `maxStalledCount: 0`,
 * docs/scaling.md). What it offers instead, and what this puts together:
 * - with `EXECUTIONS_DATA_SAVE_ON_PROGRESS` (set by the topology) the worker saved each finished
 *   node's output and the node execution stack after it;
 * - a worker started again in its own user folder reads its event log and marks the executions it
 *   had started and not finished `crashed`, keeping that saved progress;
 * - n8n's retry of a crashed execution starts from that stack: the nodes that finished (the
 *   workflow's Remove Duplicates guard among them) are not run again, the interrupted one is.
 * The retry must come before main gives up on the dead worker's job (about
 * QUEUE_WORKER_LOCK_DURATION + QUEUE_WORKER_STALLED_INTERVAL + 30 s after the kill): main then
 * replaces the execution's data with an error and nothing is left to resume from.
 * Executions running on other processes stay running and are left alone; only those the restarted
 * worker marked crashed are retried. Needs `client` signed in with a public-API key.
 */
export async function restartWorkerAndRetry(
	topology: QueueTopology,
	label: string,
	client: N8nClient,
): Promise<WorkerRecoveryOutcome[]> {
	if (topology.member(label).role !== 'worker') throw new Error(`${label} is not a worker`);
	const running = await runningExecutionIds(client);
	// Resolves once the worker is ready; it has read its event log by then.
	await topology.startMember(label);
	const outcomes: WorkerRecoveryOutcome[] = [];
	for (const executionId of running) {
		const { status } = await client.api<Execution>('GET', `/executions/${executionId}`);
		outcomes.push(
			status === 'crashed' ? await retry(client, executionId) : { executionId, status },
		);
	}
	return outcomes;
}
