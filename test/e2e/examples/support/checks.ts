import { listExecutions, waitForExecutions } from '../../harness/executions';
import { pollUntil } from '../../harness/poll';
import type { Stack } from '../../harness/stack';
import type { Execution } from '../../../../tools/n8n/workflow-types';
import { callApi } from '../../../../tools/examples/api';

/** Waits until the emulator holds exactly `count` webhook subscriptions (publish/unpublish are asynchronous). */
export async function subscriptionCount(stack: Stack, count: number): Promise<void> {
	const subscriptions = () => callApi<unknown[]>(stack.emulator, 'GET', '/webhooks');
	await pollUntil(async () => ((await subscriptions()).length === count ? true : undefined), {
		what: `${count} webhook subscription(s) at the emulator`,
	});
}

/** Every execution of the workflow so far, checked to have finished successfully. */
export async function successfulExecutions(stack: Stack, workflowId: string): Promise<Execution[]> {
	const executions = await listExecutions(stack.client, workflowId);
	const failed = executions.filter((execution) => execution.status !== 'success');
	if (failed.length > 0) {
		const reasons = failed.map(
			(execution) =>
				`${execution.id}: ${execution.status} ${execution.data?.resultData.error?.message ?? ''}`,
		);
		throw new Error(`executions that did not succeed: ${reasons.join('; ')}`);
	}
	return executions;
}

/**
 * Waits until the workflow has `count` finished executions, then checks there are exactly that many
 * and all succeeded (executions are saved after their last node ran, so sinks can be ahead of them).
 */
export async function expectSuccessfulExecutions(
	stack: Stack,
	workflowId: string,
	count: number,
): Promise<Execution[]> {
	await waitForExecutions(stack.client, workflowId, count);
	const executions = await successfulExecutions(stack, workflowId);
	if (executions.length !== count)
		throw new Error(
			`expected ${count} executions of workflow ${workflowId}, found ${executions.length}`,
		);
	return executions;
}

/** The executions in which `nodeName` ran (e.g. the node that causes the side effect). */
export function executionsThatRan(executions: readonly Execution[], nodeName: string): Execution[] {
	return executions.filter(
		(execution) => execution.data?.resultData.runData[nodeName] !== undefined,
	);
}

/** How often each value occurs; duplicates and omissions show up in one comparison. */
export function tally(values: readonly string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

/** `{a: 1, b: 1, …}` for the given values: what `tally` must equal when each happened exactly once. */
export function once(values: readonly string[]): Record<string, number> {
	return Object.fromEntries(values.map((value) => [value, 1]));
}

/** One line per execution (id, status, times, the value `key` picks, nodes that ran), for failure messages. */
export function describeExecutions(
	executions: readonly Execution[],
	key: (execution: Execution) => string,
): string {
	return executions
		.map((execution) => {
			const ran = Object.keys(execution.data?.resultData.runData ?? {}).join(' > ');
			return `#${execution.id} ${execution.status} ${execution.startedAt}..${execution.stoppedAt ?? '-'} ${key(execution)}: ${ran}`;
		})
		.join('\n');
}
