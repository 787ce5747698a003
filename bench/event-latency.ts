/**
 * Event → workflow execution started, in a real n8n 2.41.1 with the package installed, for each
 * way a VideoVector event reaches a workflow:
 *  - webhook trigger: the emulator delivers the signed webhook to the VideoVector Trigger;
 *  - receiver → trigger: the emulator delivers to the webhook receiver, which stores it and forwards
 *    it, re-signed, to the trigger in "Via Webhook Receiver" mode;
 *  - event-stream trigger: the emulator writes the event to the processing event stream the
 *    VideoVector Event Stream Trigger follows.
 * The baseline, measured in the same run against the same n8n, is n8n's own Webhook node receiving
 * the same deliveries from the emulator (no verification, no de-duplication).
 *
 * Each path gets WARMUP events, then EVENTS events emitted at RATE per second; latency is n8n's own
 * `startedAt` of the execution minus the moment the event was put on the emulator's bus (same host
 * clock). Only one consumer is active at a time. p50 and p99 per path, with the ratio against the
 * baseline's. Set VV_BENCH_TARBALL to a packed package to skip build and pack.
 * Run alone: `npx tsx bench/event-latency.ts`; in the suite: `npm run bench -- event-latency`.
 */
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { buildPackage, packPackage } from '../scripts/n8n/community-package';
import { ensureN8nInstalled } from '../scripts/n8n/install';
import { consoleLog } from '../scripts/n8n/log';
import { resolveNodeRuntime } from '../scripts/n8n/node-runtime';
import { n8nPaths } from '../scripts/n8n/paths';
import { pollUntil } from '../test/e2e/harness/poll';
import { type Stack, startStack } from '../test/e2e/harness/stack';
import type { Execution, Workflow, WorkflowJson } from '../test/e2e/harness/types';
import { callApi } from '../test/e2e/examples/support/api';
import { RECEIVER_CREDENTIAL_TYPE, receiverCredential, saveCredential } from '../test/e2e/examples/support/credentials';
import { linkReceiver, newReceiverSecret } from '../test/e2e/examples/support/receiver';
import { ratioOf, type BenchResult } from './result';

/** VV_BENCH_LATENCY_EVENTS overrides the count for a quick look; the reported figures use 1,000. */
const EVENTS = Number(process.env.VV_BENCH_LATENCY_EVENTS) || 1_000;
const WARMUP = 50;
/**
 * Events per second: steady and low enough that no path builds a backlog, so the figure is latency.
 * The receiver path is the slowest to accept (one forward in flight per target, ~150 ms each for
 * n8n to answer the receiver-mode trigger on this machine), so it sets the pace: ~6/s at most.
 * VV_BENCH_LATENCY_RATE overrides it.
 */
const RATE = Number(process.env.VV_BENCH_LATENCY_RATE) || 5;
const EVENT = 'prompt_run.completed';
/**
 * Targets, set before measuring: verifying a signature and checking for a duplicate may cost the
 * webhook trigger a quarter more than a bare Webhook node; the receiver path adds a second HTTP hop
 * and a durable write (up to 3×); the stream path has no HTTP request per event but starts
 * executions one after another (up to 2×).
 */
const TARGETS: Record<Exclude<PathKey, 'baseline'>, number> = { webhook: 1.25, receiver: 3, stream: 2 };

type PathKey = 'baseline' | 'webhook' | 'receiver' | 'stream';

const LABELS: Record<PathKey, string> = {
	baseline: 'n8n Webhook node (baseline)',
	webhook: 'webhook trigger',
	receiver: 'receiver → trigger',
	stream: 'event-stream trigger',
};

interface Latencies {
	p50: number;
	p99: number;
	count: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
	return sorted[index] as number;
}

function summarize(values: number[]): Latencies {
	const sorted = [...values].sort((a, b) => a - b);
	return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), count: sorted.length };
}

/** A workflow of one trigger and a no-op, so executions are as short as n8n makes them. */
function singleTrigger(name: string, trigger: Record<string, unknown>): WorkflowJson {
	const triggerName = String(trigger.name);
	return {
		name,
		nodes: [
			{ position: [0, 0], ...trigger } as WorkflowJson['nodes'][number],
			{ id: 'b0000000-0000-4000-8000-00000000d0de', name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { [triggerName]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	};
}

const WORKFLOWS: Record<PathKey, WorkflowJson> = {
	baseline: singleTrigger('bench: raw webhook', {
		id: 'b0000000-0000-4000-8000-000000000001',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: 'b0000000-0000-4000-8000-0000000000a1',
		parameters: { httpMethod: 'POST', path: 'bench-raw-webhook', responseMode: 'onReceived', options: {} },
	}),
	webhook: singleTrigger('bench: webhook trigger', {
		id: 'b0000000-0000-4000-8000-000000000002',
		name: 'VideoVector Trigger',
		type: '@{package}.videoVectorTrigger',
		typeVersion: 1,
		webhookId: 'b0000000-0000-4000-8000-0000000000a2',
		parameters: { delivery: 'direct', events: [EVENT], indexIds: [], options: {} },
	}),
	receiver: singleTrigger('bench: receiver to trigger', {
		id: 'b0000000-0000-4000-8000-000000000003',
		name: 'VideoVector Trigger',
		type: '@{package}.videoVectorTrigger',
		typeVersion: 1,
		webhookId: 'b0000000-0000-4000-8000-0000000000a3',
		parameters: { delivery: 'receiver', events: [EVENT], indexIds: [], options: {} },
		credentials: { [RECEIVER_CREDENTIAL_TYPE]: { id: '@{receiverCredentialId}', name: '@{receiverCredentialName}' } },
	}),
	stream: singleTrigger('bench: event-stream trigger', {
		id: 'b0000000-0000-4000-8000-000000000004',
		name: 'VideoVector Event Stream Trigger',
		type: '@{package}.videoVectorSseTrigger',
		typeVersion: 1,
		parameters: { output: 'eachEvent', filters: { eventTypes: [EVENT] }, options: {} },
	}),
};

function webhookUrl(stack: Stack, key: PathKey): string {
	const node = WORKFLOWS[key].nodes[0];
	return key === 'baseline' ? `${stack.origin}/webhook/bench-raw-webhook` : `${stack.origin}/webhook/${node?.webhookId}/webhook`;
}

/** The `bench_seq` the event carried, wherever the trigger put it in its output item. */
function benchSeq(value: unknown): number | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	const record = value as Record<string, unknown>;
	if (typeof record.bench_seq === 'number') return record.bench_seq;
	for (const inner of Object.values(record)) {
		const found = benchSeq(inner);
		if (found !== undefined) return found;
	}
	return undefined;
}

/** Every execution of the workflow, page by page (the public API serves at most 250 at a time). */
async function allExecutions(stack: Stack, workflowId: string, includeData: boolean): Promise<Execution[]> {
	const executions: Execution[] = [];
	let cursor: string | undefined;
	do {
		const query = `workflowId=${workflowId}&includeData=${includeData}&limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const page = await stack.client.api<{ data: Execution[]; nextCursor?: string | null }>('GET', `/executions?${query}`);
		executions.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return executions;
}

/** Emits `count` events from `firstSeq` at RATE per second; resolves to when each was emitted (epoch ms). */
async function emitPaced(stack: Stack, firstSeq: number, count: number): Promise<Map<number, number>> {
	const emittedAt = new Map<number, number>();
	const start = performance.now();
	for (let n = 0; n < count; n++) {
		const due = start + (n * 1000) / RATE;
		const wait = due - performance.now();
		if (wait > 0) await delay(wait);
		const seq = firstSeq + n;
		emittedAt.set(seq, Date.now());
		stack.emulator.control.events.emit(EVENT, { run_id: `run_bench_${seq}`, payload: { status: 'completed', bench_seq: seq } });
	}
	return emittedAt;
}

/** Activates one path's consumer, measures it, and deactivates it again. */
async function measurePath(stack: Stack, key: PathKey, workflow: Workflow, seqBase: number, receiverSecret: string): Promise<Latencies> {
	let subscriptionId: string | undefined;
	let closeReceiver: (() => Promise<void>) | undefined;
	if (key === 'baseline') {
		const created = await callApi<{ webhook_id: string }>(stack.emulator, 'POST', '/webhooks', { name: 'bench raw', url: webhookUrl(stack, key), events: [EVENT] });
		subscriptionId = created.webhook_id;
	}
	await stack.publish(workflow.id);
	try {
		if (key === 'receiver') {
			const link = await linkReceiver(stack.emulator, { events: [EVENT], targetUrl: webhookUrl(stack, key), targetSecret: receiverSecret });
			closeReceiver = link.close;
		}
		if (key === 'stream') {
			await pollUntil(async () => (stack.emulator.control.sse.openConnections() > 0 ? true : undefined), { what: 'the stream trigger to connect' });
		} else {
			// Registered once n8n stops answering 404 for its path (unsigned probes are refused by the triggers).
			await pollUntil(async () => ((await fetch(webhookUrl(stack, key), { method: 'POST', body: '{}' })).status === 404 ? undefined : true), {
				what: `the ${LABELS[key]} webhook`,
			});
		}
		const total = WARMUP + EVENTS;
		// Whatever the readiness probes started is not an event of this run.
		const before = (await allExecutions(stack, workflow.id, false)).length;
		const emittedAt = await emitPaced(stack, seqBase, total);
		await pollUntil(
			async () => ((await allExecutions(stack, workflow.id, false)).filter((execution) => execution.stoppedAt).length >= before + total ? true : undefined),
			{ what: `${total} executions for the ${LABELS[key]}`, timeoutMs: 600_000, intervalMs: 1_000 },
		);
		const latencies: number[] = [];
		for (const execution of await allExecutions(stack, workflow.id, true)) {
			const seq = benchSeq(execution.data?.resultData.runData);
			const emitted = seq === undefined ? undefined : emittedAt.get(seq);
			if (seq === undefined || emitted === undefined || seq < seqBase + WARMUP) continue;
			latencies.push(Date.parse(execution.startedAt) - emitted);
		}
		if (latencies.length !== EVENTS) throw new Error(`${LABELS[key]}: ${latencies.length} measured executions for ${EVENTS} events`);
		return summarize(latencies);
	} finally {
		await stack.unpublish(workflow.id);
		await closeReceiver?.();
		if (subscriptionId) await callApi(stack.emulator, 'DELETE', `/webhooks/${subscriptionId}`);
	}
}

async function packageTarball(): Promise<string> {
	if (process.env.VV_BENCH_TARBALL) return process.env.VV_BENCH_TARBALL;
	const paths = n8nPaths();
	await buildPackage();
	return packPackage(path.join(paths.scratch, 'bench-package'));
}

export async function run(): Promise<BenchResult[]> {
	const paths = n8nPaths();
	await ensureN8nInstalled(paths, await resolveNodeRuntime(paths.cache, consoleLog), consoleLog);
	const tarball = await packageTarball();
	const stack = await startStack({ tarball, emulator: { seed: 'empty' }, logLevel: 'warn' });
	const measured = {} as Record<PathKey, Latencies>;
	try {
		const receiverSecret = newReceiverSecret();
		const credential = await saveCredential(stack.client, receiverCredential(receiverSecret, 'bench receiver'));
		const vars = { receiverCredentialId: credential.id, receiverCredentialName: credential.name };
		const order: PathKey[] = ['baseline', 'webhook', 'receiver', 'stream'];
		for (const [position, key] of order.entries()) {
			const workflow = await stack.importWorkflow(WORKFLOWS[key], vars);
			measured[key] = await measurePath(stack, key, workflow, position * 100_000, receiverSecret);
			consoleLog(`event-latency: ${LABELS[key]}: p50 ${measured[key].p50} ms, p99 ${measured[key].p99} ms over ${measured[key].count} events`);
		}
	} finally {
		await stack.stop();
	}
	const baseline = measured.baseline;
	const results: BenchResult[] = [];
	for (const key of ['webhook', 'receiver', 'stream'] as const) {
		for (const statistic of ['p50', 'p99'] as const) {
			const value = measured[key][statistic];
			const ratio = ratioOf(value, baseline[statistic]);
			results.push({
				name: `event-latency: event → execution started, ${LABELS[key]}, ${statistic} over ${EVENTS} events at ${RATE}/s (baseline: ${LABELS.baseline})`,
				value,
				unit: 'ms',
				baseline: baseline[statistic],
				ratio,
				target: `ratio <= ${TARGETS[key]}`,
				pass: ratio <= TARGETS[key],
			});
		}
	}
	return results;
}

if (require.main === module) {
	void run().then((results) => console.log(JSON.stringify(results, null, 2)));
}
