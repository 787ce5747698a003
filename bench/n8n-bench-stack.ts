/**
 * A real n8n 2.41.1 with this package, for benchmarks that measure the node inside n8n rather than
 * through the unit-test stand-in: builds and packs the package, starts the e2e stack (emulator in
 * this process, n8n in its own process group) and samples n8n's resident memory while a workflow
 * runs. n8n's memory is the main process plus its task runner (`rssKb`).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';

import { buildPackage, packPackage } from '../tools/n8n/community-package';
import { ensureN8nInstalled } from '../tools/n8n/install';
import { consoleLog } from '../tools/n8n/log';
import { resolveNodeRuntime } from '../tools/n8n/node-runtime';
import { n8nPaths } from '../tools/n8n/paths';
import type { StartEmulatorOptions } from '../emulator/app';
import { startManualRun } from '../test/e2e/harness/executions';
import { type Stack, startStack } from '../test/e2e/harness/stack';
import type { WorkflowJson } from '../tools/n8n/workflow-types';

const SAMPLE_EVERY_MS = 100;
/** A 2 GB upload on a loaded 2-core machine takes minutes; this bounds a hung run only. */
const RUN_TIMEOUT_MS = 30 * 60_000;

/** Runs `work` with a stack that has the package installed; stops it and removes the pack after. */
export async function withN8n<T>(
	options: { env?: Record<string, string>; emulator?: StartEmulatorOptions },
	work: (stack: Stack) => Promise<T>,
): Promise<T> {
	const paths = n8nPaths();
	await ensureN8nInstalled(paths, await resolveNodeRuntime(paths.cache, consoleLog), consoleLog);
	await buildPackage();
	const packDir = path.join(paths.scratch, `bench-package-${process.pid}`);
	try {
		const tarball = await packPackage(packDir);
		const stack = await startStack({ tarball, logLevel: 'warn', ...options });
		try {
			return await work(stack);
		} finally {
			await stack.stop();
		}
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
}

export interface MeasuredRun {
	executionId: string;
	seconds: number;
	/** Peak of n8n's RSS (main + task runner) during the run minus its RSS just before, MB. */
	peakGrowthMb: number;
}

/** Imports and runs a workflow from its Manual Trigger, sampling n8n's memory until it finished. */
export async function measureRun(stack: Stack, json: WorkflowJson): Promise<MeasuredRun> {
	const workflow = await stack.importWorkflow(json);
	const rssMb = () => {
		const { main, children } = stack.n8n.rssKb();
		return (main + children) / 1024;
	};
	const before = rssMb();
	let peak = before;
	const sampler = setInterval(() => {
		peak = Math.max(peak, rssMb());
	}, SAMPLE_EVERY_MS);
	const started = performance.now();
	let id: string;
	let status: string;
	try {
		id = await startManualRun(stack.client, workflow);
		status = await finalStatus(stack, id);
	} finally {
		clearInterval(sampler);
	}
	const seconds = (performance.now() - started) / 1000;
	peak = Math.max(peak, rssMb());
	if (status !== 'success') {
		const failed = await stack.waitForExecution(id);
		throw new Error(
			`workflow "${json.name}" ended ${status}: ${JSON.stringify(failed.data?.resultData.error ?? {}).slice(0, 500)}`,
		);
	}
	return { executionId: id, seconds, peakGrowthMb: Number((peak - before).toFixed(1)) };
}

const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * Polls the execution's status without its data: the data of a 100,000-item run is hundreds of MB of
 * JSON that n8n would serialise on every poll (slower than the run itself on a loaded machine).
 */
async function finalStatus(stack: Stack, id: string): Promise<string> {
	const deadline = performance.now() + RUN_TIMEOUT_MS;
	while (performance.now() < deadline) {
		const res = await stack.client.raw('GET', `/api/v1/executions/${id}`, { auth: 'apiKey' });
		const status = res.status === 200 ? (res.body as { status?: string }).status : undefined;
		if (status && FINAL.has(status)) return status;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`execution ${id} did not finish within ${RUN_TIMEOUT_MS / 60_000} minutes`);
}

/** Manual Trigger → the given nodes in a chain, as n8n's v1 order runs them. */
export function chainWorkflow(name: string, nodes: WorkflowJson['nodes']): WorkflowJson {
	const all = [
		{
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		},
		...nodes.map((node, i) => ({ ...node, position: [200 * (i + 1), 0] as [number, number] })),
	];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < all.length; i++)
		connections[all[i]!.name] = { main: [[{ node: all[i + 1]!.name, type: 'main', index: 0 }]] };
	return { name, nodes: all, connections, settings: { executionOrder: 'v1' } };
}
