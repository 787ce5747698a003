import { listExecutions } from '../../harness/executions';
import { pollUntil } from '../../harness/poll';
import type { Stack } from '../../harness/stack';
import type { Execution } from '../../harness/types';
import { callApi } from './api';

/** Waits until the emulator holds exactly `count` webhook subscriptions (publish/unpublish are asynchronous). */
export async function subscriptionCount(stack: Stack, count: number): Promise<void> {
	const subscriptions = () => callApi<unknown[]>(stack.emulator, 'GET', '/webhooks');
	await pollUntil(async () => ((await subscriptions()).length === count ? true : undefined), {
		what: `${count} webhook subscription(s) at the emulator`,
		timeoutMs: 30_000,
	});
}

/** Every execution of the workflow so far, checked to have finished successfully. */
export async function successfulExecutions(stack: Stack, workflowId: string): Promise<Execution[]> {
	const executions = await listExecutions(stack.client, workflowId);
	const failed = executions.filter((execution) => execution.status !== 'success');
	if (failed.length > 0) {
		const reasons = failed.map((execution) => `${execution.id}: ${execution.status} ${execution.data?.resultData.error?.message ?? ''}`);
		throw new Error(`executions that did not succeed: ${reasons.join('; ')}`);
	}
	return executions;
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
