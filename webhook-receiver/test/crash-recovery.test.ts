import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';

import { spawnReceiver, childEnv } from './support/child-receiver';
import { deliveryHeaders, envelopeBody } from './support/deliveries';
import { cleanupAfterEach, makeTempDir } from './support/harness';
import { startTarget } from './support/target-server';
import { waitFor } from './support/wait-for';

const track = cleanupAfterEach();

const TOTAL = 10_000;
const KILL_AFTER_ACKS = 4_000;
const CONNECTIONS = 32;

interface Delivery {
	id: string;
	body: string;
	headers: Record<string, string>;
}

/**
 * Sends deliveries over a bounded pool; `onAck` may kill the receiver mid-burst, after which
 * the remaining requests fail and are simply not acknowledged. Returns the acknowledged ids.
 */
async function burst(
	url: string,
	deliveries: readonly Delivery[],
	onAck: (acked: number) => void = () => {},
): Promise<Set<string>> {
	const origin = new URL(url);
	const pool = new Pool(origin.origin, { connections: CONNECTIONS });
	const acked = new Set<string>();
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < deliveries.length) {
			const delivery = deliveries[next++]!;
			try {
				const response = await pool.request({
					path: origin.pathname,
					method: 'POST',
					headers: delivery.headers,
					body: delivery.body,
				});
				await response.body.dump();
				if (response.statusCode >= 200 && response.statusCode < 300) {
					acked.add(delivery.id);
					onAck(acked.size);
				}
			} catch {
				// Connection refused or reset: the receiver is gone, so this one was not acknowledged.
			}
		}
	};
	await Promise.all(Array.from({ length: CONNECTIONS }, worker));
	await pool.destroy();
	return acked;
}

describe('no loss across kill -9', () => {
	it(
		'forwards every acknowledged delivery after a crash mid-burst and a restart',
		{ timeout: 180_000 },
		async () => {
			const target = await startTarget();
			track(() => target.close());
			const dataDir = makeTempDir(track);
			const env = childEnv(dataDir, target.url);
			const deliveries: Delivery[] = Array.from({ length: TOTAL }, (_, index) => {
				const id = `evt_${String(index).padStart(5, '0')}`;
				const body = envelopeBody({
					id,
					event: index % 2 === 0 ? 'prompt_run.progress' : 'export.ready',
				});
				return { id, body, headers: deliveryHeaders(body, { deliveryId: id }) };
			});

			const first = await spawnReceiver(env, track);
			let killed = false;
			const ackedBeforeCrash = await burst(first.deliveryUrl, deliveries, (acked) => {
				if (acked >= KILL_AFTER_ACKS && !killed) {
					killed = true;
					first.process.kill('SIGKILL');
				}
			});
			expect((await first.exit).signal).toBe('SIGKILL');
			expect(ackedBeforeCrash.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
			// How many more acks land between the kill and the process dying is up to the scheduler (on a
			// fast run, all of them); the guarantees below hold for any number.

			// VideoVector retries what it never got a 2xx for; some of those were stored before the kill.
			const second = await spawnReceiver(env, track);
			const retried = deliveries.filter((delivery) => !ackedBeforeCrash.has(delivery.id));
			const ackedAfterRestart = await burst(second.deliveryUrl, retried);
			expect(ackedAfterRestart.size).toBe(retried.length);

			await waitFor(
				() => target.acceptedCount.size === TOTAL,
				'every delivery at the target',
				150_000,
			);
			const missing = [...ackedBeforeCrash].filter((id) => !target.acceptedCount.has(id));
			expect(missing).toEqual([]);
			// Only forwards whose 2xx arrived while their "delivered" mark was still being committed can
			// repeat: at most the last two of the target's queue at the moment of the kill.
			const repeated = [...target.acceptedCount.values()].filter((count) => count > 1).length;
			expect(repeated).toBeLessThanOrEqual(2);
			expect(second.events).toContain('forward.delivered');

			second.process.kill('SIGTERM');
			expect((await second.exit).code).toBe(0);
		},
	);
});
