/**
 * The bounded SSE reader over real HTTP on 127.0.0.1: each way a read can end, and that the
 * connection is closed whatever ended it.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { endpointRequest } from '../../../shared/contract/endpoint-request';
import { ApiSession } from '../../../shared/n8n/api-session';
import { readBoundedSse } from '../../../shared/n8n/sse-read';
import { createExecuteContext } from '../../support/execute-context';
import { TEST_API_KEY } from '../../support/run-node';
import { failureOf, sseFrame } from '../../support/node-fixtures';

type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

interface StreamServer {
	baseUrl: string;
	/** Resolves when the n-th request's connection has been closed by the client. */
	closed(n?: number): Promise<void>;
	requests: IncomingMessage[];
}

const servers: Server[] = [];
const timers: NodeJS.Timeout[] = [];

afterEach(async () => {
	for (const timer of timers.splice(0)) clearInterval(timer);
	await Promise.all(
		servers.splice(0).map(async (server) => {
			server.closeAllConnections();
			server.close();
			await once(server, 'close');
		}),
	);
});

async function startServer(handler: Handler): Promise<StreamServer> {
	const requests: IncomingMessage[] = [];
	const closedSignals: Array<Promise<void>> = [];
	const server = createServer((req, res) => {
		requests.push(req);
		closedSignals.push(new Promise((resolve) => res.on('close', () => resolve())));
		handler(req, res, requests.length);
	});
	servers.push(server);
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/api/v2`,
		requests,
		closed: async (n = 1) => {
			while (closedSignals.length < n) await new Promise((resolve) => setImmediate(resolve));
			await closedSignals[n - 1];
		},
	};
}

function openStream(res: ServerResponse): void {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	res.flushHeaders();
}

const frame = (id: number) =>
	sseFrame({
		id: String(id),
		event: 'segment.completed',
		data: { event_id: String(id), event_type: 'segment.completed' },
	});

async function read(server: StreamServer, options: Parameters<typeof readBoundedSse>[2]) {
	const context = createExecuteContext({
		parameters: {},
		credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl },
	});
	return await readBoundedSse(
		new ApiSession(context),
		endpointRequest('processing_events.stream', { query: { run_id: 'run_1' } }),
		options,
	);
}

describe('readBoundedSse', () => {
	it('stops at the event count, returns the last id, and closes the connection', async () => {
		const server = await startServer((_req, res) => {
			openStream(res);
			res.write(frame(1) + frame(2));
			res.write(frame(3)); // the stream then stays open
		});
		const result = await read(server, { maxEvents: 2, timeoutMs: 60_000 });
		expect(result.endedBy).toBe('maxEvents');
		expect(result.events.map((e) => e.id)).toEqual(['1', '2']);
		expect(result.lastEventId).toBe('2');
		await server.closed();
		expect(server.requests[0].headers['x-api-key']).toBe(TEST_API_KEY);
		expect(server.requests[0].url).toBe('/api/v2/processing/events/stream?run_id=run_1');
	});

	it('stops at the time limit with what arrived, and closes the connection', async () => {
		const server = await startServer((_req, res) => {
			openStream(res);
			res.write(frame(1));
		});
		const result = await read(server, { maxEvents: 10, timeoutMs: 150 });
		expect(result.endedBy).toBe('timeout');
		expect(result.events.map((e) => e.id)).toEqual(['1']);
		await server.closed();
	});

	it('stops when idle; heartbeat comments do not count as events', async () => {
		const server = await startServer((_req, res) => {
			openStream(res);
			res.write(frame(1));
			timers.push(setInterval(() => res.write(': heartbeat\n\n'), 10));
		});
		const result = await read(server, { timeoutMs: 60_000, idleTimeoutMs: 100 });
		expect(result.endedBy).toBe('idle');
		expect(result.events).toHaveLength(1);
		await server.closed();
	});

	it('stops after the final event, and on the server closing the stream', async () => {
		const final = await startServer((_req, res) => {
			openStream(res);
			res.write(frame(1) + sseFrame({ id: '2', event: 'turn.completed', data: {} }) + frame(3));
		});
		const done = await read(final, {
			timeoutMs: 60_000,
			stopAfter: (e) => e.event === 'turn.completed',
		});
		expect(done.endedBy).toBe('stopEvent');
		expect(done.events.map((e) => e.id)).toEqual(['1', '2']);

		const closing = await startServer((_req, res) => {
			openStream(res);
			res.end(frame(5));
		});
		const closed = await read(closing, { timeoutMs: 60_000 });
		expect(closed.endedBy).toBe('closed');
		expect(closed.events.map((e) => e.id)).toEqual(['5']);
	});

	it('sends Last-Event-ID and keeps it as the resume point when nothing new arrived', async () => {
		const server = await startServer((_req, res) => {
			openStream(res);
			res.end();
		});
		const result = await read(server, { timeoutMs: 60_000, lastEventId: '41' });
		expect(server.requests[0].headers['last-event-id']).toBe('41');
		expect(server.requests[0].headers.accept).toBe('text/event-stream');
		expect(result).toEqual({ events: [], endedBy: 'closed', lastEventId: '41' });
	});

	it('retries a 429 at connect time (Retry-After) and then reads', async () => {
		const server = await startServer((_req, res, attempt) => {
			if (attempt === 1) {
				res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
				res.end(JSON.stringify({ error: { code: 'rate_limit_exceeded', message: 'slow down' } }));
				return;
			}
			openStream(res);
			res.end(frame(1));
		});
		const result = await read(server, { timeoutMs: 60_000 });
		expect(server.requests).toHaveLength(2);
		expect(result.events.map((e) => e.id)).toEqual(['1']);
	});

	it('a refusal fails with the API error, without the key', async () => {
		const server = await startServer((_req, res) => {
			res.writeHead(401, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
			res.end(
				JSON.stringify({
					error: { code: 'authentication_invalid_api_key', message: `bad key ${TEST_API_KEY}` },
				}),
			);
		});
		const error = await failureOf(read(server, { timeoutMs: 60_000 }));
		expect(error).toBeInstanceOf(Error);
		expect((error as { httpCode?: string }).httpCode).toBe('401');
		expect(error.message).toContain('bad key');
		expect(error.message).not.toContain(TEST_API_KEY);
	});

	it('ends with "cancelled" when the outer signal fires, closing the connection', async () => {
		const server = await startServer((_req, res) => {
			openStream(res);
			res.write(frame(1));
		});
		const controller = new AbortController();
		const reading = read(server, { timeoutMs: 60_000, signal: controller.signal });
		while (server.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
		controller.abort();
		const result = await reading;
		expect(result.endedBy).toBe('cancelled');
		await server.closed();
	});
});
