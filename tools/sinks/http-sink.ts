import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Arrivals } from './arrivals';

/**
 * A local HTTP endpoint on 127.0.0.1 that records every request (method, path, headers, raw body,
 * parsed JSON) and answers with whatever `answer` decides — 200 `{"received":true}` by default.
 * Stands in for downstream systems the examples call (a Slack incoming webhook, an archive
 * endpoint). Tests read the record in process; `GET /_sink/requests` shows it over HTTP (for
 * `npm start`), `DELETE /_sink/requests` empties it. Inspection calls are not recorded.
 */

export interface SinkRequest {
	method: string;
	/** Path without the query string. */
	path: string;
	/** The query string without `?` ('' when absent). */
	query: string;
	/** Lower-cased names; repeated headers joined with ", ". */
	headers: Record<string, string>;
	body: Buffer;
	text: string;
	/** The body parsed as JSON, when it is JSON. */
	json: unknown;
}

export interface SinkAnswer {
	status: number;
	body?: string | Record<string, unknown>;
}

export interface RecordedRequest extends SinkRequest {
	/** What the sink answered. */
	status: number;
	receivedAt: number;
}

export interface RequestFilter {
	method?: string;
	path?: string;
	/** Only requests answered with a 2xx. */
	accepted?: boolean;
}

export interface HttpSinkOptions {
	port?: number;
	answer?: (request: SinkRequest) => SinkAnswer;
	maxBodyBytes?: number;
	/** Extra read-only views served as `GET /_sink/<name>` (JSON). */
	views?: Record<string, () => unknown>;
}

export interface HttpSink {
	/** `http://127.0.0.1:<port>` */
	origin: string;
	port: number;
	/** Absolute URL of `path` on this sink. */
	url(path: string): string;
	requests(filter?: RequestFilter): RecordedRequest[];
	waitForRequests(
		count: number,
		filter?: RequestFilter,
		timeoutMs?: number,
	): Promise<RecordedRequest[]>;
	clear(): void;
	close(): Promise<void>;
}

const INSPECTION_PREFIX = '/_sink/';

function matches(filter: RequestFilter): (request: RecordedRequest) => boolean {
	return (request) =>
		(filter.method === undefined || request.method === filter.method.toUpperCase()) &&
		(filter.path === undefined || request.path === filter.path) &&
		(filter.accepted === undefined ||
			(request.status >= 200 && request.status < 300) === filter.accepted);
}

function headersOf(request: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		size += (chunk as Buffer).length;
		if (size > limit) return null;
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
	try {
		return text ? (JSON.parse(text) as unknown) : undefined;
	} catch {
		return undefined;
	}
}

function send(response: ServerResponse, answer: SinkAnswer): void {
	const isText = typeof answer.body === 'string';
	const body =
		answer.body === undefined ? '' : isText ? (answer.body as string) : JSON.stringify(answer.body);
	response.writeHead(answer.status, {
		'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
		'content-length': Buffer.byteLength(body),
	});
	response.end(body);
}

export async function startHttpSink(options: HttpSinkOptions = {}): Promise<HttpSink> {
	const record = new Arrivals<RecordedRequest>();
	const answer = options.answer ?? (() => ({ status: 200, body: { received: true } }));
	const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
	const views: Record<string, () => unknown> = {
		requests: () => record.list().map(({ body: _bytes, ...rest }) => rest),
		...options.views,
	};

	const inspect = (request: IncomingMessage, path: string, response: ServerResponse): void => {
		const name = path.slice(INSPECTION_PREFIX.length);
		if (request.method === 'DELETE' && name === 'requests') {
			record.clear();
			send(response, { status: 200, body: { cleared: true } });
			return;
		}
		const view = views[name];
		if (request.method !== 'GET' || !view)
			send(response, { status: 404, body: { error: 'unknown sink view' } });
		else send(response, { status: 200, body: { [name]: view() } });
	};

	const server = createServer((request, response) => {
		const [path = '/', query = ''] = (request.url ?? '/').split(/\?(.*)/s);
		if (path.startsWith(INSPECTION_PREFIX)) {
			inspect(request, path, response);
			return;
		}
		void readBody(request, maxBodyBytes).then(
			(body) => {
				if (body === null) {
					send(response, { status: 413, body: { error: 'body too large' } });
					return;
				}
				const text = body.toString('utf8');
				const seen: SinkRequest = {
					method: request.method ?? 'GET',
					path,
					query,
					headers: headersOf(request),
					body,
					text,
					json: parseJson(text),
				};
				const reply = answer(seen);
				record.add({ ...seen, status: reply.status, receivedAt: Date.now() });
				send(response, reply);
			},
			() => response.destroy(),
		);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;

	return {
		origin,
		port,
		url: (path) => `${origin}${path.startsWith('/') ? path : `/${path}`}`,
		requests: (filter = {}) => record.list().filter(matches(filter)),
		waitForRequests: (count, filter = {}, timeoutMs) =>
			record.waitFor(count, {
				what: `request(s) matching ${JSON.stringify(filter)}`,
				filter: matches(filter),
				timeoutMs,
			}),
		clear: () => record.clear(),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
