import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SqliteDeliveryStore } from '../src/store/sqlite-delivery-store';
import { cleanupAfterEach, makeTempDir, startTestReceiver, testConfig } from './support/harness';
import { send } from './support/http-client';
import { waitFor } from './support/wait-for';

const track = cleanupAfterEach();

interface RawConnection {
	socket: Socket;
	received: () => string;
	closed: () => boolean;
}

function open(url: string): Promise<RawConnection> {
	const { hostname, port } = new URL(url);
	return new Promise((resolve, reject) => {
		const socket = connect(Number(port), hostname);
		let received = '';
		let closed = false;
		socket.on('data', (chunk) => (received += chunk.toString('latin1')));
		socket.on('close', () => (closed = true));
		socket.on('error', () => undefined);
		socket.once('connect', () =>
			resolve({ socket, received: () => received, closed: () => closed }),
		);
		socket.once('error', reject);
		track(() => socket.destroy());
	});
}

/** Headers of a POST that promises a large body, followed by only its first bytes. */
function partialPost(path: string, headers: Record<string, string>): string {
	const lines = Object.entries({
		host: 'receiver',
		'content-type': 'application/json',
		'content-length': '500000',
		...headers,
	}).map(([k, v]) => `${k}: ${v}`);
	return `POST ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n{"id":"evt_`;
}

describe('unauthenticated traffic is cheap to refuse', () => {
	it.each([
		['no signature header', { 'x-webhook-id': 'wh_test_1' }],
		[
			'a malformed signature header',
			{ 'x-webhook-signature': 'sha1=abc', 'x-webhook-id': 'wh_test_1' },
		],
		[
			'an unknown X-Webhook-Id',
			{ 'x-webhook-signature': `sha256=${'a'.repeat(64)}`, 'x-webhook-id': 'wh_someone_else' },
		],
	])('%s gets 401 before the body is read', async (_name, headers) => {
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), 'http://127.0.0.1:1/unused'),
		);
		const connection = await open(receiver.url);
		connection.socket.write(partialPost('/webhooks/videovector', headers));
		// The body never completes: only an answer given before reading it can arrive.
		await waitFor(
			() => connection.received().startsWith('HTTP/1.1 401'),
			'a 401 before the body',
			5_000,
		);
		expect(connection.received()).toMatch(/connection: close/i);
	});

	it('closes a connection whose headers never finish (slowloris)', async () => {
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), 'http://127.0.0.1:1/unused', {
				listen: { host: '127.0.0.1', port: 0, headersTimeoutMs: 500 },
			}),
		);
		const connection = await open(receiver.url);
		connection.socket.write(
			'POST /webhooks/videovector HTTP/1.1\r\nhost: receiver\r\nx-webhook-id: wh_test_1\r\n',
		);
		await waitFor(() => connection.closed(), 'the server to drop the half-sent request', 10_000);
	});

	it('caps concurrent connections', async () => {
		const receiver = await startTestReceiver(
			track,
			testConfig(makeTempDir(track), 'http://127.0.0.1:1/unused', {
				listen: { host: '127.0.0.1', port: 0, maxConnections: 2 },
			}),
		);
		const kept = [await open(receiver.url), await open(receiver.url)];
		const extra = await open(receiver.url);
		await waitFor(() => extra.closed(), 'the connection over the cap to be closed', 5_000);
		expect(kept.map((connection) => connection.closed())).toEqual([false, false]);
	});

	it('/metrics does not query the store on every scrape', async () => {
		const dir = makeTempDir(track);
		const store = new SqliteDeliveryStore({
			file: join(dir, 'receiver.sqlite'),
			groupCommit: { maxBatch: 100, windowMs: 0, thread: 'main' },
		});
		let queries = 0;
		const queueDepth = store.queueDepth.bind(store);
		store.queueDepth = () => {
			queries += 1;
			return queueDepth();
		};
		const receiver = await startTestReceiver(track, testConfig(dir, 'http://127.0.0.1:1/unused'), {
			store,
		});
		const before = queries;
		for (let scrape = 0; scrape < 20; scrape++) {
			const response = await send(`${receiver.url}/metrics`);
			expect(response.text).toContain('videovector_receiver_queue_depth');
		}
		expect(queries - before).toBeLessThanOrEqual(1);
	});
});
