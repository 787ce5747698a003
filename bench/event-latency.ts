/**
 * Event → workflow execution started, in a real n8n 2.41.1 with the package installed, for each
 * way a VideoVector event reaches a workflow:
 *  - webhook trigger: the emulator delivers the signed webhook to the VideoVector Trigger;
 *  - receiver → trigger: the emulator delivers to the webhook receiver, which stores it and forwards
 *    it, re-signed, to the trigger in "Via Webhook Receiver" mode;
 *  - event-stream trigger: the emulator writes the event to the processing event stream the
 *    VideoVector Event Stream Trigger follows.
 * The baseline, measured in the same run against the same n8n, is n8n's own Webhook node receiving
 * the same kind of signed delivery from the emulator (it verifies and de-duplicates nothing).
 *
 * All four consumers are active at once, each subscribed to its own event type, and the events go
 * round-robin to them (WARMUP each, then EVENTS each) at RATE per second in total: every path sees
 * the same load on this shared machine, instead of whatever the neighbours did during its turn.
 * Latency is n8n's own `startedAt` of the execution minus the moment the event was put on the
 * emulator's bus (same host clock). p50 and p99 per path, with the ratio against the baseline's.
 * Set VV_BENCH_TARBALL to a packed package to skip build and pack, and VV_BENCH_N8N_ENV to a JSON
 * object of extra n8n settings to see what one changes (e.g. {"N8N_EXPRESSION_ENGINE":"legacy"}).
 * Run alone: `npx tsx bench/event-latency.ts`; in the suite: `npm run bench -- event-latency`.
 */
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { buildPackage, packPackage } from '../tools/n8n/community-package';
import { ensureN8nInstalled } from '../tools/n8n/install';
import { consoleLog } from '../tools/n8n/log';
import { resolveNodeRuntime } from '../tools/n8n/node-runtime';
import { n8nPaths } from '../tools/n8n/paths';
import { pollUntil } from '../test/e2e/harness/poll';
import { type Stack, startStack } from '../test/e2e/harness/stack';
import type { Execution, Workflow, WorkflowJson } from '../tools/n8n/workflow-types';
import { callApi } from '../tools/examples/api';
import {
	RECEIVER_CREDENTIAL_TYPE,
	receiverCredential,
	saveCredential,
} from '../tools/examples/credentials';
import { linkReceiver, newReceiverSecret, type ReceiverLink } from '../tools/examples/receiver';
import { ratioOf, type BenchResult } from './result';

/** VV_BENCH_LATENCY_EVENTS overrides the count for a quick look; the reported figures use 1,000. */
const EVENTS = Number(process.env.VV_BENCH_LATENCY_EVENTS) || 1_000;
const WARMUP = 50;
/**
 * Events per second over all four paths (2 per path): low enough that no path builds a backlog on a
 * 2-core machine shared with other work, so the figure is latency. The receiver path accepts the
 * fewest (one forward in flight per target, ~70–150 ms for n8n to answer the receiver-mode trigger
 * here, so ~7/s at most). VV_BENCH_LATENCY_RATE overrides it.
 */
const RATE = Number(process.env.VV_BENCH_LATENCY_RATE) || 8;
/**
 * Targets, set before measuring: verifying a signature and checking for a duplicate may cost the
 * webhook trigger a quarter more than a bare Webhook node; the receiver path adds a second HTTP hop
 * and a durable write (up to 3×); the stream path has no HTTP request per event but starts
 * executions one after another (up to 2×).
 */
const TARGETS: Record<Exclude<PathKey, 'baseline'>, number> = {
	webhook: 1.25,
	receiver: 3,
	stream: 2,
};

type PathKey = 'baseline' | 'webhook' | 'receiver' | 'stream';

const PATHS: readonly PathKey[] = ['baseline', 'webhook', 'receiver', 'stream'];

/** Each consumer listens to its own event type, so one emission reaches exactly one path. */
const EVENT_OF: Record<PathKey, string> = {
	baseline: 'import_job.completed',
	webhook: 'prompt_run.completed',
	receiver: 'export.ready',
	stream: 'media.created',
};

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
			{
				id: 'b0000000-0000-4000-8000-00000000d0de',
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
				parameters: {},
			},
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
		parameters: {
			httpMethod: 'POST',
			path: 'bench-raw-webhook',
			responseMode: 'onReceived',
			options: {},
		},
	}),
	webhook: singleTrigger('bench: webhook trigger', {
		id: 'b0000000-0000-4000-8000-000000000002',
		name: 'VideoVector Trigger',
		type: '@{package}.videoVectorTrigger',
		typeVersion: 1,
		webhookId: 'b0000000-0000-4000-8000-0000000000a2',
		parameters: { delivery: 'direct', events: [EVENT_OF.webhook], indexIds: [], options: {} },
	}),
	receiver: singleTrigger('bench: receiver to trigger', {
		id: 'b0000000-0000-4000-8000-000000000003',
		name: 'VideoVector Trigger',
		type: '@{package}.videoVectorTrigger',
		typeVersion: 1,
		webhookId: 'b0000000-0000-4000-8000-0000000000a3',
		parameters: { delivery: 'receiver', events: [EVENT_OF.receiver], indexIds: [], options: {} },
		credentials: {
			[RECEIVER_CREDENTIAL_TYPE]: {
				id: '@{receiverCredentialId}',
				name: '@{receiverCredentialName}',
			},
		},
	}),
	stream: singleTrigger('bench: event-stream trigger', {
		id: 'b0000000-0000-4000-8000-000000000004',
		name: 'VideoVector Event Stream Trigger',
		type: '@{package}.videoVectorSseTrigger',
		typeVersion: 1,
		parameters: { events: [EVENT_OF.stream], indexIds: [], output: 'eachEvent', options: {} },
	}),
};

function webhookUrl(stack: Stack, key: PathKey): string {
	const node = WORKFLOWS[key].nodes[0];
	return key === 'baseline'
		? `${stack.origin}/webhook/bench-raw-webhook`
		: `${stack.origin}/webhook/${node?.webhookId}/webhook`;
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
async function allExecutions(
	stack: Stack,
	workflowId: string,
	includeData: boolean,
): Promise<Execution[]> {
	const executions: Execution[] = [];
	let cursor: string | undefined;
	do {
		const query = `workflowId=${workflowId}&includeData=${includeData}&limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const page = await stack.client.api<{ data: Execution[]; nextCursor?: string | null }>(
			'GET',
			`/executions?${query}`,
		);
		executions.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return executions;
}

/** Emits `perPath` events to each path, round-robin, at RATE per second; resolves to when each was emitted (epoch ms). */
async function emitRoundRobin(
	stack: Stack,
	firstSeq: number,
	perPath: number,
): Promise<Map<number, number>> {
	const emittedAt = new Map<number, number>();
	const start = performance.now();
	const total = perPath * PATHS.length;
	for (let n = 0; n < total; n++) {
		const due = start + (n * 1000) / RATE;
		const wait = due - performance.now();
		if (wait > 0) await delay(wait);
		const seq = firstSeq + n;
		const key = PATHS[n % PATHS.length] as PathKey;
		emittedAt.set(seq, Date.now());
		stack.emulator.control.events.emit(EVENT_OF[key], {
			run_id: `run_bench_${seq}`,
			payload: { status: 'completed', bench_seq: seq },
		});
	}
	return emittedAt;
}

/** Publishes every path's workflow and waits until each consumer is really listening. */
async function activate(
	stack: Stack,
	workflows: Record<PathKey, Workflow>,
	receiverSecret: string,
): Promise<() => Promise<void>> {
	const subscription = await callApi<{ webhook_id: string }>(stack.emulator, 'POST', '/webhooks', {
		name: 'bench raw webhook',
		url: webhookUrl(stack, 'baseline'),
		events: [EVENT_OF.baseline],
	});
	let link: ReceiverLink | undefined;
	const deactivate = async () => {
		for (const key of PATHS) await stack.unpublish(workflows[key].id).catch(() => undefined);
		await link?.close();
		await callApi(stack.emulator, 'DELETE', `/webhooks/${subscription.webhook_id}`).catch(
			() => undefined,
		);
	};
	try {
		for (const key of PATHS) await stack.publish(workflows[key].id);
		link = await linkReceiver(stack.emulator, {
			events: [EVENT_OF.receiver],
			targetUrl: webhookUrl(stack, 'receiver'),
			targetSecret: receiverSecret,
		});
		for (const key of ['baseline', 'webhook', 'receiver'] as const) {
			// Registered once n8n stops answering 404 for its path (the triggers refuse unsigned probes).
			await pollUntil(
				async () =>
					(await fetch(webhookUrl(stack, key), { method: 'POST', body: '{}' })).status === 404
						? undefined
						: true,
				{
					what: `the ${LABELS[key]} webhook`,
				},
			);
		}
		await pollUntil(
			async () => (stack.emulator.control.sse.openConnections() > 0 ? true : undefined),
			{ what: 'the stream trigger to connect' },
		);
		return deactivate;
	} catch (error) {
		await deactivate();
		throw error;
	}
}

/** n8n's start time minus emission time, for each measured event that reached this workflow. */
async function latenciesOf(
	stack: Stack,
	workflow: Workflow,
	emittedAt: Map<number, number>,
	measuredFrom: number,
): Promise<number[]> {
	const latencies: number[] = [];
	for (const execution of await allExecutions(stack, workflow.id, true)) {
		const seq = benchSeq(execution.data?.resultData.runData);
		const emitted = seq === undefined ? undefined : emittedAt.get(seq);
		if (seq !== undefined && emitted !== undefined && seq >= measuredFrom)
			latencies.push(Date.parse(execution.startedAt) - emitted);
	}
	return latencies;
}

async function packageTarball(): Promise<string> {
	if (process.env.VV_BENCH_TARBALL) return process.env.VV_BENCH_TARBALL;
	const paths = n8nPaths();
	await buildPackage();
	return packPackage(path.join(paths.scratch, 'bench-package'));
}

async function measure(stack: Stack): Promise<Record<PathKey, Latencies>> {
	const receiverSecret = newReceiverSecret();
	const credential = await saveCredential(
		stack.client,
		receiverCredential(receiverSecret, 'bench receiver'),
	);
	const vars = { receiverCredentialId: credential.id, receiverCredentialName: credential.name };
	const workflows = {} as Record<PathKey, Workflow>;
	for (const key of PATHS) workflows[key] = await stack.importWorkflow(WORKFLOWS[key], vars);
	const deactivate = await activate(stack, workflows, receiverSecret);
	try {
		// Whatever the readiness probes started is not an event of this run.
		const before = {} as Record<PathKey, number>;
		for (const key of PATHS)
			before[key] = (await allExecutions(stack, workflows[key].id, false)).length;
		const perPath = WARMUP + EVENTS;
		const emittedAt = await emitRoundRobin(stack, 0, perPath);
		const measuredFrom = WARMUP * PATHS.length;
		const measured = {} as Record<PathKey, Latencies>;
		for (const key of PATHS) {
			await pollUntil(
				async () =>
					(await allExecutions(stack, workflows[key].id, false)).filter(
						(execution) => execution.stoppedAt,
					).length >=
					before[key] + perPath
						? true
						: undefined,
				{
					what: `${perPath} executions for the ${LABELS[key]}`,
					timeoutMs: 600_000,
					intervalMs: 2_000,
				},
			);
			const latencies = await latenciesOf(stack, workflows[key], emittedAt, measuredFrom);
			if (latencies.length !== EVENTS)
				throw new Error(
					`${LABELS[key]}: ${latencies.length} measured executions for ${EVENTS} events`,
				);
			measured[key] = summarize(latencies);
			consoleLog(
				`event-latency: ${LABELS[key]}: p50 ${measured[key].p50} ms, p99 ${measured[key].p99} ms over ${measured[key].count} events`,
			);
		}
		return measured;
	} finally {
		await deactivate();
	}
}

export async function run(): Promise<BenchResult[]> {
	const paths = n8nPaths();
	await ensureN8nInstalled(paths, await resolveNodeRuntime(paths.cache, consoleLog), consoleLog);
	const tarball = await packageTarball();
	const env = process.env.VV_BENCH_N8N_ENV
		? (JSON.parse(process.env.VV_BENCH_N8N_ENV) as Record<string, string>)
		: undefined;
	const stack = await startStack({
		tarball,
		emulator: { seed: 'empty' },
		logLevel: 'warn',
		...(env ? { env } : {}),
	});
	let measured: Record<PathKey, Latencies>;
	try {
		measured = await measure(stack);
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
				name: `event-latency: event → execution started, ${LABELS[key]}, ${statistic} over ${EVENTS} events (${RATE}/s over 4 paths; baseline: ${LABELS.baseline})`,
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
