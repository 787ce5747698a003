/**
 * Receiver replicas on PostgreSQL (`npm run bench -- receiver-replicas`): acknowledged deliveries
 * per second with 1, 2 and 3 replicas sharing one database (the load spread round-robin over
 * them, as a load balancer would) against one replica on SQLite, in the same run, rounds
 * interleaved; then failover: the replica holding the target's lane is killed with -9 and the time
 * until events reach the target again is measured against the lease.
 *
 * What a 2-core machine can show: the load generator, PostgreSQL and every replica share the same
 * two cores, so more replicas cannot add CPU — they add processes competing for it. The figures
 * therefore show that sharing the database costs no collapse (target: 2 replicas ≥ 0.9× one
 * replica), not how replicas scale on separate machines. PostgreSQL is Debian's, installed and
 * started by tools/services/postgres.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { findPostgresBin, startPostgres } from '../tools/services/postgres';
import {
	entry,
	freePort,
	median,
	prepareDeliveries,
	REPO_ROOT,
	SECRET,
	sendOne,
	spawnServer,
	startSink,
	throughput,
	waitUntil,
	WEBHOOK_ID,
	type ChildServer,
} from './receiver-load';
import type { BenchResult } from './result';
import { Pool } from 'undici';

const RECEIVER_CLI = join(REPO_ROOT, 'webhook-receiver/src/cli.ts');
const ROUNDS = 3;
const REQUESTS_PER_ROUND = 4_000;
/**
 * Full rounds per setup run and discarded before measuring: a receiver speeds up over its first
 * ~20,000 requests (JIT; see WARMUP_ROUNDS in bench/receiver.ts), so a short warm-up would
 * compare replicas at different points of that curve.
 */
const WARMUP_ROUNDS = 4;
const LANE_LEASE_MS = 3_000;
const SCALE_TARGET = 0.9;
/** During failover, one delivery every this many ms goes to the surviving replica. */
const FAILOVER_SEND_EVERY_MS = 10;

interface Setup {
	name: string;
	databaseUrl: string | undefined;
	replicas: ChildServer[];
	dataDirs: string[];
}

async function startSetup(
	name: string,
	count: number,
	sinkUrl: string,
	databaseUrl: string | undefined,
): Promise<Setup> {
	const replicas: ChildServer[] = [];
	const dataDirs: string[] = [];
	for (let index = 0; index < count; index++) {
		const dataDir = mkdtempSync(join(tmpdir(), 'vv-replicas-bench-'));
		dataDirs.push(dataDir);
		const port = await freePort();
		replicas.push(
			await spawnServer(
				[RECEIVER_CLI],
				{
					RECEIVER_PORT: String(port),
					RECEIVER_SECRETS: SECRET,
					RECEIVER_WEBHOOK_IDS: WEBHOOK_ID,
					RECEIVER_TARGET_URLS: sinkUrl,
					RECEIVER_DATA_DIR: dataDir,
					RECEIVER_LOG_LEVEL: 'warn',
					RECEIVER_LANE_LEASE_MS: String(LANE_LEASE_MS),
					...(databaseUrl === undefined ? {} : { RECEIVER_DATABASE_URL: databaseUrl }),
				},
				port,
				'/readyz',
			),
		);
	}
	return { name, databaseUrl, replicas, dataDirs };
}

async function stopSetup(setup: Setup): Promise<void> {
	await Promise.all(setup.replicas.map((replica) => replica.stop()));
	for (const dir of setup.dataDirs) rmSync(dir, { recursive: true, force: true });
}

/** The pid inside the lane owner's name (`host:pid:random`), read with psql. */
function laneOwnerPid(databaseUrl: string): number | undefined {
	const bin = findPostgresBin();
	if (bin === undefined) return undefined;
	const result = spawnSync(
		join(bin, 'psql'),
		[databaseUrl, '-Atc', 'SELECT owner FROM lanes WHERE owner IS NOT NULL LIMIT 1'],
		{ encoding: 'utf8' },
	);
	const pid = Number(result.stdout.trim().split(':')[1]);
	return Number.isFinite(pid) ? pid : undefined;
}

/**
 * Kills the lane owner of a two-replica setup with -9 while deliveries keep coming to the other,
 * and returns the milliseconds from the kill until the target receives events again.
 */
async function failover(setup: Setup, received: () => number): Promise<number> {
	const ownerPid = setup.databaseUrl === undefined ? undefined : laneOwnerPid(setup.databaseUrl);
	const owner = setup.replicas.find((replica) => replica.pid === ownerPid);
	const survivor = setup.replicas.find((replica) => replica !== owner);
	if (owner === undefined || survivor === undefined)
		throw new Error('bench: could not tell which replica holds the lane');
	const pool = new Pool(survivor.origin, { connections: 4 });
	let sending = true;
	const sender = (async () => {
		while (sending) {
			const [delivery] = prepareDeliveries(1);
			await sendOne(pool, delivery!).catch(() => undefined);
			await new Promise((resolveWait) => setTimeout(resolveWait, FAILOVER_SEND_EVERY_MS));
		}
	})();
	try {
		await owner.crash();
		const killedAt = performance.now();
		const before = received();
		await waitUntil(async () => received() > before, 'forwarding to resume after the kill');
		return performance.now() - killedAt;
	} finally {
		sending = false;
		await sender;
		await pool.close();
		setup.replicas = setup.replicas.filter((replica) => replica !== owner);
	}
}

export async function run(): Promise<BenchResult[]> {
	const postgres = await startPostgres({ log: () => undefined });
	const sink = await startSink();
	const setups: Setup[] = [];
	let sent = 0;
	const drained = (): Promise<void> =>
		waitUntil(async () => sink.received() >= sent, 'the forward backlog to drain');
	try {
		setups.push(await startSetup('sqlite-1', 1, sink.url, undefined));
		for (const count of [1, 2, 3]) {
			const url = await postgres.createDatabase(`bench_replicas_${count}`);
			setups.push(await startSetup(`postgres-${count}`, count, sink.url, url));
		}
		const rates = new Map<string, number[]>(setups.map((setup) => [setup.name, []]));
		for (const setup of setups) {
			for (let warmup = 0; warmup < WARMUP_ROUNDS; warmup++) {
				await throughput(
					setup.replicas.map((replica) => replica.origin),
					prepareDeliveries(REQUESTS_PER_ROUND),
				);
				sent += REQUESTS_PER_ROUND;
				await drained();
			}
		}
		for (let round = 0; round < ROUNDS; round++) {
			for (const setup of setups) {
				const origins = setup.replicas.map((replica) => replica.origin);
				rates
					.get(setup.name)!
					.push(await throughput(origins, prepareDeliveries(REQUESTS_PER_ROUND)));
				sent += REQUESTS_PER_ROUND;
				await drained();
			}
		}
		const rate = (name: string): number => median(rates.get(name) ?? []);
		const failoverMs = await failover(
			setups.find((setup) => setup.name === 'postgres-2')!,
			sink.received,
		);
		const sqlite = rate('sqlite-1');
		const one = rate('postgres-1');
		return [
			entry(
				'receiver-replicas: 1 replica on PostgreSQL vs 1 replica on SQLite (acknowledged req/s; reported, no target)',
				one,
				'req/s',
				sqlite,
				'reported',
				true,
			),
			entry(
				'receiver-replicas: 2 replicas on one PostgreSQL vs 1 replica (same 2 cores: shows no collapse, not scale-out)',
				rate('postgres-2'),
				'req/s',
				one,
				`ratio >= ${SCALE_TARGET}`,
				rate('postgres-2') / one >= SCALE_TARGET,
			),
			entry(
				'receiver-replicas: 3 replicas on one PostgreSQL vs 1 replica (reported, no target)',
				rate('postgres-3'),
				'req/s',
				one,
				'reported',
				true,
			),
			entry(
				`receiver-replicas: failover, kill -9 of the lane holder until the target receives again (baseline: the lease, ${LANE_LEASE_MS} ms)`,
				failoverMs,
				'ms',
				LANE_LEASE_MS,
				`<= ${LANE_LEASE_MS} ms`,
				failoverMs <= LANE_LEASE_MS,
			),
		];
	} finally {
		await Promise.all(setups.map(stopSetup));
		await new Promise<void>((resolveClose) => sink.server.close(() => resolveClose()));
		await postgres.stop();
	}
}

if (require.main === module) {
	run().then(
		(entries) => console.log(JSON.stringify(entries, null, 2)),
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		},
	);
}
