import type { N8nClient } from '../../../tools/n8n/n8n-client';
import { WAIT_MS } from './patience';
import { pollUntil } from './poll';
import type { Execution, NodeItem, NodeRun, Workflow } from '../../../tools/n8n/workflow-types';

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const FINAL: ReadonlySet<string> = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * Runs a saved workflow from its Manual Trigger inside the server, as the editor's "Execute
 * workflow" button does (`POST /rest/workflows/:id/run`), and resolves to its execution id.
 * Milliseconds, where `n8n execute --id` would boot a second n8n (2–3 s).
 */
export async function startManualRun(
	client: N8nClient,
	workflow: Workflow,
	triggerName?: string,
): Promise<string> {
	const trigger = triggerName ?? workflow.nodes.find((node) => node.type === MANUAL_TRIGGER)?.name;
	if (!trigger)
		throw new Error(`workflow "${workflow.name}" has no Manual Trigger; pass the trigger name`);
	const result = await client.rest<{ executionId?: string }>(
		'POST',
		`/workflows/${workflow.id}/run`,
		{
			triggerToStartFrom: { name: trigger },
		},
	);
	if (!result.executionId)
		throw new Error(`n8n did not start workflow "${workflow.name}": ${JSON.stringify(result)}`);
	return result.executionId;
}

/** The execution with its data, once it has finished (saving happens after the run, so poll). */
export async function waitForExecution(
	client: N8nClient,
	id: string,
	timeoutMs = WAIT_MS,
): Promise<Execution> {
	return pollUntil(
		async () => {
			const res = await client.raw('GET', `/api/v1/executions/${id}?includeData=true`, {
				auth: 'apiKey',
			});
			if (res.status === 404) return undefined;
			if (res.status !== 200)
				throw new Error(`GET execution ${id} -> ${res.status}: ${res.text.slice(0, 300)}`);
			const execution = res.body as Execution;
			return FINAL.has(execution.status) ? execution : undefined;
		},
		{ what: `execution ${id} to finish`, timeoutMs },
	);
}

/** Runs from the Manual Trigger and waits for the finished execution. */
export async function runManually(
	client: N8nClient,
	workflow: Workflow,
	triggerName?: string,
): Promise<Execution> {
	return waitForExecution(client, await startManualRun(client, workflow, triggerName));
}

/** Executions of a workflow with their data, newest first. */
export async function listExecutions(client: N8nClient, workflowId: string): Promise<Execution[]> {
	const page = await client.api<{ data: Execution[] }>(
		'GET',
		`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=250`,
	);
	return page.data;
}

/**
 * Ids of every execution of a workflow, running ones included (the plain list leaves those out),
 * oldest first: to act as soon as a trigger has started one.
 */
export async function executionIdsIncludingRunning(
	client: N8nClient,
	workflowId: string,
): Promise<string[]> {
	const running = await client.api<{ data: Execution[] }>(
		'GET',
		`/executions?workflowId=${encodeURIComponent(workflowId)}&status=running&limit=250`,
	);
	const finished = await listExecutions(client, workflowId);
	const ids = new Set([...running.data, ...finished].map((execution) => execution.id));
	return [...ids].sort((a, b) => Number(a) - Number(b));
}

/** Waits until at least `count` finished executions of the workflow are saved. */
export async function waitForExecutions(
	client: N8nClient,
	workflowId: string,
	count: number,
	timeoutMs = WAIT_MS,
): Promise<Execution[]> {
	return pollUntil(
		async () => {
			const done = (await listExecutions(client, workflowId)).filter((execution) =>
				FINAL.has(execution.status),
			);
			return done.length >= count ? done : undefined;
		},
		{ what: `${count} executions of workflow ${workflowId}`, timeoutMs },
	);
}

function firstRun(execution: Execution, nodeName: string): NodeRun {
	const runs = execution.data?.resultData.runData[nodeName];
	if (!runs?.[0]) {
		const ran = Object.keys(execution.data?.resultData.runData ?? {}).join(', ') || 'none';
		throw new Error(`node "${nodeName}" did not run in execution ${execution.id} (ran: ${ran})`);
	}
	return runs[0];
}

/** JSON of the items a node emitted on its first output; throws with the node's error if it failed. */
export function nodeOutput(
	execution: Execution,
	nodeName: string,
	output = 0,
): Array<Record<string, unknown>> {
	const run = firstRun(execution, nodeName);
	if (run.error) throw new Error(`node "${nodeName}" failed: ${run.error.message}`);
	const items: NodeItem[] = run.data?.main[output] ?? [];
	return items.map((item) => item.json);
}

/** The error a node stopped with; throws if it did not fail. */
export function nodeError(execution: Execution, nodeName: string): NonNullable<NodeRun['error']> {
	const run = firstRun(execution, nodeName);
	if (!run.error) throw new Error(`node "${nodeName}" did not fail in execution ${execution.id}`);
	return run.error;
}

/** The `event_id`s a trigger node emitted over the workflow's successful executions, in the order n8n started them. */
export async function emittedEventIds(
	client: N8nClient,
	workflowId: string,
	triggerName: string,
): Promise<string[]> {
	const executions = (await listExecutions(client, workflowId))
		.filter((execution) => execution.status === 'success')
		.sort((a, b) => Number(a.id) - Number(b.id));
	return executions.flatMap((execution) =>
		nodeOutput(execution, triggerName).map((item) => String(item.event_id)),
	);
}
