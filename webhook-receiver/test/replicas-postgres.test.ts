/**
 * Receiver replicas on one PostgreSQL database, as real processes: three replicas take a burst of
 * signed deliveries spread across them while one is killed with -9, another is restarted and both
 * targets go down for a while. Every acknowledged delivery must reach its target, each run's events
 * in the order they were acknowledged, and repeats stay within the documented bound (the last two
 * events of a target per change of its lane's owner). PostgreSQL is Debian's, installed and started
 * by tools/services/postgres.ts (apt-get when missing, as on CI).
 */
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startPostgres, type RunningPostgres } from '../../tools/services/postgres';
import { childEnv, spawnReceiver, type ChildReceiver } from './support/child-receiver';
import { deliveryHeaders, envelopeBody } from './support/deliveries';
import { cleanupAfterEach, makeTempDir } from './support/harness';
import { startTarget, type Target } from './support/target-server';
import { waitFor } from './support/wait-for';

const track = cleanupAfterEach();

const RUNS = 40;
const EVENTS_PER_RUN = 500;
const TOTAL = RUNS * EVENTS_PER_RUN;
/** Attempts each target refuses (503) during the outage. */
const OUTAGE_REFUSALS = 5;
const LANE_LEASE_MS = 3_000;
/** Repeats one change of a lane's owner may cause: the send in flight and one unconfirmed mark. */
const REPEATS_PER_TAKEOVER = 2;

let postgres: RunningPostgres;

beforeAll(async () => {
	postgres = await startPostgres({ log: () => undefined });
}, 900_000);

afterAll(async () => {
	await postgres?.stop();
});

interface Replica {
	name: string;
	child: ChildReceiver;
	origin: string;
	pool: Pool;
	alive: boolean;
}

/** Log events of one replica's process with their arrival, for lane hand-overs. */
function acquisitions(replica: Replica): number {
	return replica.child.events.filter((event) => event === 'lane.acquired').length;
}

function runOf(index: number): { run: number; step: number } {
	return { run: index % RUNS, step: Math.floor(index / RUNS) };
}

describe('receiver replicas on PostgreSQL', () => {
	it(
		'three replicas, kill -9, a restart and a target outage: nothing acknowledged is lost, order holds, repeats stay bounded',
		{ timeout: 1_500_000 },
		async () => {
			const databaseUrl = await postgres.createDatabase('replicas_chaos');
			const targets: Record<'flow-a' | 'flow-b', Target> = {
				'flow-a': await startTarget(),
				'flow-b': await startTarget(),
			};
			for (const target of Object.values(targets)) track(() => target.close());
			// Even runs concern idx_a (routed to flow-a), odd runs idx_b (flow-b).
			const routes = JSON.stringify([
				{ indexIds: ['idx_a'], targets: [{ name: 'flow-a', url: targets['flow-a'].url }] },
				{ indexIds: ['idx_b'], targets: [{ name: 'flow-b', url: targets['flow-b'].url }] },
			]);
			const env = (): Record<string, string> => {
				const { RECEIVER_TARGET_URLS: _unused, ...base } = childEnv(makeTempDir(track), '');
				return {
					...base,
					RECEIVER_ROUTES: routes,
					RECEIVER_DATABASE_URL: databaseUrl,
					RECEIVER_LANE_LEASE_MS: String(LANE_LEASE_MS),
					// The outage must not dead-letter anything: retry fast and for long.
					RECEIVER_RETRY_MAX_ATTEMPTS: '1000',
					RECEIVER_RETRY_BASE_DELAY_MS: '20',
					RECEIVER_RETRY_MAX_DELAY_MS: '200',
				};
			};
			const replicas: Replica[] = [];
			const startReplica = async (name: string): Promise<Replica> => {
				const child = await spawnReceiver(env(), track);
				const origin = new URL(child.url).origin;
				const replica = {
					name,
					child,
					origin,
					pool: new Pool(origin, { connections: 8 }),
					alive: true,
				};
				track(() => replica.pool.destroy());
				replicas.push(replica);
				return replica;
			};
			for (const name of ['r1', 'r2', 'r3']) await startReplica(name);
			await waitFor(
				() => replicas.reduce((sum, replica) => sum + acquisitions(replica), 0) >= 2,
				'both lanes to be taken by a replica',
			);

			const bodies = Array.from({ length: TOTAL }, (_, index) => {
				const { run, step } = runOf(index);
				const id = `evt_r${String(run).padStart(2, '0')}_${String(step).padStart(4, '0')}`;
				const body = envelopeBody({
					id,
					event: 'prompt_run.progress',
					data: { run_id: `run_${run}`, index_id: run % 2 === 0 ? 'idx_a' : 'idx_b', step },
				});
				return { id, body, headers: deliveryHeaders(body, { deliveryId: id }) };
			});

			let acked = 0;
			const chaos: Array<{ at: number; done: boolean; act: () => Promise<void> }> = [
				{
					// Kill -9 a replica that holds a lane, mid-burst.
					at: TOTAL / 4,
					done: false,
					act: async () => {
						const owner = replicas.find((replica) => replica.alive && acquisitions(replica) > 0);
						const victim = owner ?? replicas.find((replica) => replica.alive)!;
						victim.alive = false;
						victim.child.process.kill('SIGKILL');
						await victim.child.exit;
					},
				},
				{
					// Restart another one gracefully (as a rolling deploy does).
					at: TOTAL / 2,
					done: false,
					act: async () => {
						const victim = replicas.find((replica) => replica.alive)!;
						victim.alive = false;
						victim.child.process.kill('SIGTERM');
						expect((await victim.child.exit).code).toBe(0);
						await startReplica(`${victim.name}-restarted`);
					},
				},
				{
					// Both targets answer 503 until each has turned away a few attempts, then recover: the
					// outage is made to happen however slow the machine, not hoped to fit in a time span.
					at: (TOTAL * 5) / 8,
					done: false,
					act: async () => {
						const all = Object.values(targets);
						const before = all.map((target) => target.requests.length);
						for (const target of all) target.setBehaviour(() => ({ status: 503 }));
						await waitFor(
							() =>
								all.every((target, i) => target.requests.length >= before[i]! + OUTAGE_REFUSALS),
							`each target to refuse ${OUTAGE_REFUSALS} attempts`,
						);
						for (const target of Object.values(targets))
							target.setBehaviour(() => ({ status: 200 }));
					},
				},
			];
			const pendingChaos: Array<Promise<void>> = [];
			const onAck = (): void => {
				acked++;
				for (const step of chaos) {
					if (!step.done && acked >= step.at) {
						step.done = true;
						pendingChaos.push(step.act());
					}
				}
			};

			/** Like VideoVector: a delivery is retried (here on the next replica) until it gets a 2xx. */
			const deliver = async (index: number): Promise<void> => {
				const delivery = bodies[index]!;
				for (let attempt = 0; ; attempt++) {
					const live = replicas.filter((replica) => replica.alive);
					const replica = live[(index + attempt) % live.length];
					if (replica !== undefined) {
						try {
							const response = await replica.pool.request({
								path: '/webhooks/videovector',
								method: 'POST',
								headers: delivery.headers,
								body: delivery.body,
							});
							await response.body.dump();
							if (response.statusCode === 200) return onAck();
						} catch {
							// Refused or reset: that replica is gone; try another.
						}
					}
					await new Promise((resolve) => setTimeout(resolve, 20));
				}
			};
			// Each run sends its events one after another, each only after the previous one's 2xx.
			await Promise.all(
				Array.from({ length: RUNS }, async (_, run) => {
					for (let step = 0; step < EVENTS_PER_RUN; step++) await deliver(step * RUNS + run);
				}),
			);
			await Promise.all(pendingChaos);
			expect(acked).toBe(TOTAL);
			expect(chaos.every((step) => step.done)).toBe(true);

			const delivered = (): number =>
				targets['flow-a'].acceptedCount.size + targets['flow-b'].acceptedCount.size;
			await waitFor(() => delivered() === TOTAL, 'every delivery at its target', 900_000);

			// Every acknowledged delivery reached the target its index routes to.
			for (const [index, delivery] of bodies.entries()) {
				const target = runOf(index).run % 2 === 0 ? targets['flow-a'] : targets['flow-b'];
				expect(target.acceptedCount.has(delivery.id), delivery.id).toBe(true);
			}
			// Per-target order: each run's first receipts come in the order the run was acknowledged.
			for (const target of Object.values(targets)) {
				const lastStep = new Map<string, number>();
				const seen = new Set<string>();
				for (const receipt of target.accepted) {
					if (seen.has(receipt.deliveryId)) continue;
					seen.add(receipt.deliveryId);
					const data = (
						JSON.parse(receipt.body.toString('utf8')) as { data: { run_id: string; step: number } }
					).data;
					expect(data.step, `${receipt.deliveryId} after step ${lastStep.get(data.run_id)}`).toBe(
						(lastStep.get(data.run_id) ?? -1) + 1,
					);
					lastStep.set(data.run_id, data.step);
				}
			}
			// Repeats: only where a lane changed hands (the kill, the restart, or a lease that ran out
			// while its holder was starved of CPU), at most the last two events of that target each.
			const takeovers = replicas.reduce((sum, replica) => sum + acquisitions(replica), 0) - 2;
			expect(takeovers).toBeGreaterThanOrEqual(1);
			const repeated = [
				...targets['flow-a'].acceptedCount.values(),
				...targets['flow-b'].acceptedCount.values(),
			].filter((count) => count > 1).length;
			// The figures docs/scaling.md quotes.
			console.info(
				`replicas-postgres: ${TOTAL} delivered, ${takeovers} lane takeovers, ${repeated} repeated`,
			);
			expect(repeated).toBeLessThanOrEqual(REPEATS_PER_TAKEOVER * takeovers);

			for (const replica of replicas.filter((candidate) => candidate.alive)) {
				replica.child.process.kill('SIGTERM');
				expect((await replica.child.exit).code).toBe(0);
			}
		},
	);
});
