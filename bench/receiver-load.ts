/**
 * The load generator and child-process plumbing the receiver benchmarks share (bench/receiver.ts,
 * bench/receiver-replicas.ts): signed deliveries prepared before the clock starts, a closed loop
 * over a bounded undici pool per server, an open loop at a fixed rate, a counting sink.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

import { Pool, request } from 'undici';

import { signApiWebhook } from '../shared/webhooks/api-signature';
import { ratioOf, type BenchResult } from './result';

export const REPO_ROOT = resolve(__dirname, '..');
export const SECRET = 'whsec_bench_receiver_secret_0123456789';
export const WEBHOOK_ID = 'wh_bench';
export const PATH = '/webhooks/videovector';
export const CONNECTIONS = 32;
/** No round may hang the suite: a generous bound on any single wait. */
const WAIT_LIMIT_MS = 300_000;

export interface Prepared {
	body: Buffer;
	headers: Record<string, string>;
}

let deliverySeq = 0;

/** Signed deliveries with unique ids (~450-byte envelopes), prepared before the clock starts. */
export function prepareDeliveries(count: number): Prepared[] {
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

export async function sendOne(pool: Pool, delivery: Prepared): Promise<void> {
	const response = await pool.request({
		path: PATH,
		method: 'POST',
		headers: delivery.headers,
		body: delivery.body,
	});
	await response.body.dump();
	if (response.statusCode !== 200) throw new Error(`bench: server answered ${response.statusCode}`);
}

/**
 * Closed loop: CONNECTIONS workers send back to back, spread round-robin over `origins` (replicas
 * behind one address); returns acknowledged requests per second.
 */
export async function throughput(
	origins: string | readonly string[],
	deliveries: readonly Prepared[],
): Promise<number> {
	const list = typeof origins === 'string' ? [origins] : origins;
	const pools = list.map(
		(origin) => new Pool(origin, { connections: Math.ceil(CONNECTIONS / list.length) }),
	);
	try {
		let next = 0;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: CONNECTIONS }, async (_, worker) => {
				const pool = pools[worker % pools.length] as Pool;
				while (next < deliveries.length) await sendOne(pool, deliveries[next++] as Prepared);
			}),
		);
		return deliveries.length / ((performance.now() - started) / 1000);
	} finally {
		await Promise.all(pools.map((pool) => pool.close()));
	}
}

/**
 * Open loop at a fixed rate; latency counts from the scheduled send time, so a stall delays
 * (and is charged to) every request behind it rather than hiding it.
 */
export async function latenciesAtRate(
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

export function percentile(values: readonly number[], fraction: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
	return percentile(values, 0.5);
}

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
	return port;
}

export async function waitUntil(condition: () => Promise<boolean>, what: string): Promise<void> {
	const deadline = Date.now() + WAIT_LIMIT_MS;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
		await new Promise((resolveWait) => setTimeout(resolveWait, 20));
	}
}

/** Any HTTP answer counts: the baseline says 401 to an unsigned probe, and that is fine. */
export async function responds(url: string): Promise<boolean> {
	try {
		const response = await request(url);
		await response.body.dump();
		return true;
	} catch {
		return false;
	}
}

export interface ChildServer {
	origin: string;
	pid: number;
	/** SIGTERM and wait for the exit (a graceful stop). */
	stop(): Promise<void>;
	/** kill -9, as a crash. */
	crash(): Promise<void>;
}

export async function spawnServer(
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
		pid: child.pid ?? -1,
		stop: async () => {
			child.kill('SIGTERM');
			await exited;
		},
		crash: async () => {
			child.kill('SIGKILL');
			await exited;
		},
	};
}

/** The flow the receiver forwards to: counts and answers 204. */
export async function startSink(): Promise<{
	url: string;
	received: () => number;
	server: Server;
}> {
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

export function entry(
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
