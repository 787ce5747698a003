import { connect } from 'node:net';

import { describe, expect, it } from 'vitest';

import { childEnv, spawnReceiver } from './support/child-receiver';
import { deliveryHeaders, envelopeBody } from './support/deliveries';
import { adminHeaders, cleanupAfterEach, makeTempDir } from './support/harness';
import { post, send } from './support/http-client';
import { startTarget, type Behaviour } from './support/target-server';
import { waitFor } from './support/wait-for';

const track = cleanupAfterEach();

function refusesConnections(url: string): Promise<boolean> {
	const { hostname, port } = new URL(url);
	return new Promise((resolve) => {
		const socket = connect(Number(port), hostname);
		socket.once('connect', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(true));
	});
}

async function deliver(url: string, id: string) {
	const body = envelopeBody({ id });
	return post(url, body, deliveryHeaders(body, { deliveryId: id }));
}

/** A target that holds the answer to `heldId` until `release()`; everything else gets 200. */
function holdingBehaviour(heldId: string) {
	let release!: () => void;
	const held = new Promise<void>((resolve) => {
		release = resolve;
	});
	const behaviour: Behaviour = (receipt) =>
		receipt.deliveryId === heldId ? { status: 200, hold: held } : { status: 200 };
	return { behaviour, release };
}

describe('graceful SIGTERM', () => {
	it(
		'stops accepting, finishes the in-flight forward, records it and exits 0',
		{ timeout: 120_000 },
		async () => {
			const { behaviour, release } = holdingBehaviour('evt_inflight');
			const target = await startTarget({ behaviour });
			track(() => target.close());
			track(release);
			const dataDir = makeTempDir(track);
			const env = childEnv(dataDir, target.url, { RECEIVER_SHUTDOWN_GRACE_MS: '20000' });
			const first = await spawnReceiver(env, track);
			expect((await deliver(first.deliveryUrl, 'evt_inflight')).status).toBe(200);
			await waitFor(() => target.requests.length === 1, 'the forward to be in flight');

			first.process.kill('SIGTERM');
			await waitFor(() => refusesConnections(first.url), 'the listener to close');
			release();
			expect(await first.exit).toEqual({ code: 0, signal: null });
			expect(target.accepted.map((receipt) => receipt.deliveryId)).toEqual(['evt_inflight']);

			// After a restart the finished forward is not sent again: the next event is the only new request.
			const second = await spawnReceiver(env, track);
			const record = (
				await send(`${second.url}/admin/deliveries/evt_inflight`, { headers: adminHeaders })
			).json() as {
				forwards: Array<{ state: string }>;
			};
			expect(record.forwards.map((forward) => forward.state)).toEqual(['delivered']);
			expect((await deliver(second.deliveryUrl, 'evt_next')).status).toBe(200);
			await waitFor(() => target.accepted.length === 2, 'the next forward');
			expect(target.requests.map((receipt) => receipt.deliveryId)).toEqual([
				'evt_inflight',
				'evt_next',
			]);
			second.process.kill('SIGTERM');
			expect((await second.exit).code).toBe(0);
		},
	);

	it(
		'gives up on a forward that outlasts the grace period and resends it after restart',
		{ timeout: 120_000 },
		async () => {
			const { behaviour, release } = holdingBehaviour('evt_stuck');
			const target = await startTarget({ behaviour });
			track(() => target.close());
			track(release);
			const dataDir = makeTempDir(track);
			const env = childEnv(dataDir, target.url, { RECEIVER_SHUTDOWN_GRACE_MS: '300' });
			const first = await spawnReceiver(env, track);
			expect((await deliver(first.deliveryUrl, 'evt_stuck')).status).toBe(200);
			await waitFor(() => target.requests.length === 1, 'the forward to be in flight');
			first.process.kill('SIGTERM');
			expect(await first.exit).toEqual({ code: 0, signal: null });

			target.setBehaviour(() => ({ status: 200 }));
			const second = await spawnReceiver(env, track);
			await waitFor(() => target.accepted.length === 1, 'the resent forward');
			expect(target.accepted[0]!.deliveryId).toBe('evt_stuck');
			second.process.kill('SIGTERM');
			expect((await second.exit).code).toBe(0);
		},
	);
});
