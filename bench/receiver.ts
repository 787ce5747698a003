/**
 * Webhook receiver throughput and latency, against the cheapest possible receiver measured in the
 * same run with the same load generator:
 *  - signed deliveries per second verified (octokit), durably stored (SQLite, synchronous=FULL,
 *    group commit) and acknowledged, vs a raw node:http server that only checks the HMAC and
 *    answers 200 — target ≥ 50 % of the baseline;
 *  - p99 acknowledgement latency at a fixed 500 requests/s — target < 20 ms.
 * Both servers run as child processes (same Node, same tsx loader); the load generator is undici
 * with a bounded pool on 127.0.0.1 and a bounded request count. The receiver forwards everything
 * to a sink in this process, as in production (each target's lane sends one event at a time, so
 * during a burst forwarding trails ingestion). The backlog is drained between rounds, so it never
 * competes with a baseline round. Figures are medians over interleaved rounds. On a shared
 * machine they move with the neighbours' load: the p99 of both servers is mostly scheduler and
 * fsync jitter.
 * Run alone: `npx tsx bench/receiver.ts`; in the suite: `npm run bench -- receiver`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { Pool, request } from 'undici';

import { signApiWebhook } from '../shared/webhooks/api-signature';
import { ratioOf, type BenchResult } from './result';

const REPO_ROOT = resolve(__dirname, '..');
const RECEIVER_CLI = join(REPO_ROOT, 'webhook-receiver/src/cli.ts');
const SECRET = 'whsec_bench_receiver_secret_0123456789';
const WEBHOOK_ID = 'wh_bench';
const PATH = '/webhooks/videovector';

const ROUNDS = 5;
const REQUESTS_PER_ROUND = 6_000;
const WARMUP_REQUESTS = 1_500;
const CONNECTIONS = 32;
const FIXED_RATE = 500;
const FIXED_RATE_REQUESTS = 2_000;
const THROUGHPUT_RATIO_TARGET = 0.5;
const P99_TARGET_MS = 20;
/** No round may hang the suite: a generous bound on any single wait. */
const WAIT_LIMIT_MS = 120_000;

interface Prepared {
	body: Buffer;
	headers: Record<string, string>;
}

let deliverySeq = 0;

/** Signed deliveries with unique ids (~450-byte envelopes), prepared before the clock starts. */
function prepareDeliveries(count: number): Prepared[] {
	return Array.from({ length: count }, () => {
		const id = `dlv_bench_${(deliverySeq++).toString(36).padStart(8, '0')}`;
		const body = Buffer.from(
			JSON.stringify({
				id,
				event: 'prompt_run.progress',
				data: {
					run_id: 'run_5b2c9e1f0a3d',
					prompt_id: 'prompt_77e1',
					index_id: 'idx_demo',
					status: 'processing',
					total_segments: 240,
					completed_segments: 120,
				},
				api_version: '2024-01',
				// Signed creation time inside the receiver's replay window (older envelopes are refused).
				created_at: new Date().toISOString(),
				metadata: {
					n8n_workflow_id: 'wf_123',
					n8n_node_id: '6c1f4f3e-9a1b-4c55-8f0e-2b7d1e3a9c44',
				},
			}),
		);
		return {
			body,
			headers: {
				'content-type': 'application/json',
				'x-webhook-signature': signApiWebhook(SECRET, body),
				'x-webhook-id': WEBHOOK_ID,
				'x-delivery-id': id,
				'idempotency-key': id,
			},
		};
	});
}

async function sendOne(pool: Pool, delivery: Prepared): Promise<void> {
	const response = await pool.request({
		path: PATH,
		method: 'POST',
		headers: delivery.headers,
		body: delivery.body,
	});
	await response.body.dump();
	if (response.statusCode !== 200) throw new Error(`bench: server answered ${response.statusCode}`);
}

/** Closed loop: CONNECTIONS workers send back to back; returns acknowledged requests per second. */
async function throughput(origin: string, deliveries: readonly Prepared[]): Promise<number> {
	const pool = new Pool(origin, { connections: CONNECTIONS });
	try {
		let next = 0;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: CONNECTIONS }, async () => {
				while (next < deliveries.length) await sendOne(pool, deliveries[next++] as Prepared);
			}),
		);
		return deliveries.length / ((performance.now() - started) / 1000);
	} finally {
		await pool.close();
	}
}

/**
 * Open loop at a fixed rate; latency counts from the scheduled send time, so a stall delays
 * (and is charged to) every request behind it rather than hiding it.
 */
async function latenciesAtRate(
	origin: string,
	deliveries: readonly Prepared[],
	perSecond: number,
): Promise<number[]> {
	const pool = new Pool(origin, { connections: CONNECTIONS });
	try {
		const interval = 1000 / perSecond;
		const started = performance.now();
		const pending: Array<Promise<number>> = [];
		for (let index = 0; index < deliveries.length; index++) {
			const scheduled = started + index * interval;
			const wait = scheduled - performance.now();
			if (wait > 1) await new Promise((resolveWait) => setTimeout(resolveWait, wait));
			pending.push(
				sendOne(pool, deliveries[index] as Prepared).then(() => performance.now() - scheduled),
			);
		}
		return await Promise.all(pending);
	} finally {
		await pool.close();
	}
}

function percentile(values: readonly number[], fraction: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

function median(values: readonly number[]): number {
	return percentile(values, 0.5);
}

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
	return port;
}

async function waitUntil(condition: () => Promise<boolean>, what: string): Promise<void> {
	const deadline = Date.now() + WAIT_LIMIT_MS;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
		await new Promise((resolveWait) => setTimeout(resolveWait, 20));
	}
}

/** Any HTTP answer counts: the baseline says 401 to an unsigned probe, and that is fine. */
async function responds(url: string): Promise<boolean> {
	try {
		const response = await request(url);
		await response.body.dump();
		return true;
	} catch {
		return false;
	}
}

interface ChildServer {
	origin: string;
	stop(): Promise<void>;
}

async function spawnServer(
	args: string[],
	env: Record<string, string>,
	port: number,
	readyPath: string,
): Promise<ChildServer> {
	const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], {
		cwd: REPO_ROOT,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
	const origin = `http://127.0.0.1:${port}`;
	await waitUntil(() => responds(`${origin}${readyPath}`), `${args.join(' ')} to listen`);
	return {
		origin,
		stop: async () => {
			child.kill('SIGTERM');
			await exited;
		},
	};
}

/** The baseline: read the body, check the HMAC in constant time, answer 200. Nothing else. */
function serveBaseline(port: number): void {
	const expectedPrefix = 'sha256=';
	createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const header = String(req.headers['x-webhook-signature'] ?? '');
			const expected = createHmac('sha256', SECRET).update(body).digest();
			const received = Buffer.from(header.slice(expectedPrefix.length), 'hex');
			const ok =
				header.startsWith(expectedPrefix) &&
				received.length === expected.length &&
				timingSafeEqual(received, expected);
			res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
			res.end(ok ? '{"received":true}' : '{"error":"invalid_signature"}');
		});
	}).listen(port, '127.0.0.1');
}

/** The flow the receiver forwards to: counts and answers 204. */
async function startSink(): Promise<{ url: string; received: () => number; server: Server }> {
	let received = 0;
	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			received++;
			res.writeHead(204).end();
		});
	});
	await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}/webhook/sink`, received: () => received, server };
}

function entry(
	name: string,
	value: number,
	unit: string,
	baseline: number,
	target: string,
	pass: boolean,
): BenchResult {
	return {
		name,
		value: Number(value.toFixed(2)),
		unit,
		baseline: Number(baseline.toFixed(2)),
		ratio: ratioOf(value, baseline),
		target,
		pass,
	};
}

export async function run(): Promise<BenchResult[]> {
	const dataDir = mkdtempSync(join(tmpdir(), 'vv-receiver-bench-'));
	const sink = await startSink();
	const baselinePort = await freePort();
	const receiverPort = await freePort();
	const baseline = await spawnServer(
		[__filename, '--serve-baseline', String(baselinePort)],
		{},
		baselinePort,
		'/',
	);
	const receiver = await spawnServer(
		[RECEIVER_CLI],
		{
			RECEIVER_PORT: String(receiverPort),
			RECEIVER_SECRETS: SECRET,
			RECEIVER_WEBHOOK_IDS: WEBHOOK_ID,
			RECEIVER_TARGET_URLS: sink.url,
			RECEIVER_DATA_DIR: dataDir,
			RECEIVER_LOG_LEVEL: process.env.RECEIVER_BENCH_LOG_LEVEL ?? 'warn',
		},
		receiverPort,
		'/readyz',
	);
	let stored = 0;
	const drained = (): Promise<void> =>
		waitUntil(async () => sink.received() >= stored, 'the forward backlog to drain');
	try {
		await throughput(baseline.origin, prepareDeliveries(WARMUP_REQUESTS));
		stored += WARMUP_REQUESTS;
		await throughput(receiver.origin, prepareDeliveries(WARMUP_REQUESTS));
		await drained();

		const baselineRates: number[] = [];
		const receiverRates: number[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			baselineRates.push(await throughput(baseline.origin, prepareDeliveries(REQUESTS_PER_ROUND)));
			stored += REQUESTS_PER_ROUND;
			receiverRates.push(await throughput(receiver.origin, prepareDeliveries(REQUESTS_PER_ROUND)));
			await drained();
		}

		const baselineLatency = await latenciesAtRate(
			baseline.origin,
			prepareDeliveries(FIXED_RATE_REQUESTS),
			FIXED_RATE,
		);
		stored += FIXED_RATE_REQUESTS;
		const receiverLatency = await latenciesAtRate(
			receiver.origin,
			prepareDeliveries(FIXED_RATE_REQUESTS),
			FIXED_RATE,
		);
		await drained();

		const rate = median(receiverRates);
		const baselineRate = median(baselineRates);
		const p99 = percentile(receiverLatency, 0.99);
		return [
			entry(
				'receiver: signed deliveries verified, persisted (fsync, group commit) and acknowledged vs raw HMAC-only node:http',
				rate,
				'req/s',
				baselineRate,
				`ratio >= ${THROUGHPUT_RATIO_TARGET}`,
				rate / baselineRate >= THROUGHPUT_RATIO_TARGET,
			),
			entry(
				`receiver: p99 ack latency at ${FIXED_RATE} req/s (baseline: HMAC-only server)`,
				p99,
				'ms',
				percentile(baselineLatency, 0.99),
				`< ${P99_TARGET_MS} ms`,
				p99 < P99_TARGET_MS,
			),
		];
	} finally {
		await Promise.all([baseline.stop(), receiver.stop()]);
		await new Promise<void>((resolveClose) => sink.server.close(() => resolveClose()));
		rmSync(dataDir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	const flag = process.argv.indexOf('--serve-baseline');
	if (flag !== -1) {
		serveBaseline(Number(process.argv[flag + 1]));
	} else {
		run().then(
			(entries) => console.log(JSON.stringify(entries, null, 2)),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	}
}
