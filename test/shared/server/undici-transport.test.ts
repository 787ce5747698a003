import { describe, expect, it } from 'vitest';

import { VideoVectorNetworkError } from '../../../shared/http/api-error';
import { createUndiciTransport } from '../../../shared/server/undici-transport';
import { closedPortUrl, sendJson, type Handler } from '../helpers/local-server';
import { localServerFixture, TEST_API_KEY as API_KEY } from '../helpers/server-fixture';

const fixture = localServerFixture();

async function setup(handler: Handler) {
	const { server, config } = await fixture.start(handler);
	// Trailing slash on purpose: it must be ignored.
	return {
		server,
		transport: createUndiciTransport({
			...config,
			baseUrl: `${config.baseUrl}/`,
			userAgent: 'kit-test/1',
		}),
	};
}

describe('createUndiciTransport over real HTTP', () => {
	it('encodes query arrays as repeated keys, omits null/undefined, prints booleans', async () => {
		const { server, transport } = await setup((_req, res) => sendJson(res, 200, { data: [] }));
		await transport({
			method: 'GET',
			path: '/processing/events/stream',
			query: {
				video_ids: ['a', 'b c'],
				latest_run: true,
				limit: 5,
				cursor: undefined,
				run_id: null,
				event_types: [],
			},
		});
		expect(server.requests[0]?.url).toBe(
			'/api/v2/processing/events/stream?video_ids=a&video_ids=b+c&latest_run=true&limit=5',
		);
	});

	it('sends auth, accept, user-agent, JSON body and Idempotency-Key; caller headers cannot replace the key', async () => {
		const { server, transport } = await setup((_req, res) =>
			sendJson(res, 201, { index_id: 'idx_1' }),
		);
		const response = await transport({
			method: 'POST',
			path: '/indexes',
			body: { name: 'Ünïcode' },
			idempotencyKey: 'idem-1',
			headers: { 'X-API-Key': 'other', 'X-Trace': 't1' },
		});
		expect(response).toMatchObject({ status: 201, body: { index_id: 'idx_1' } });
		const seen = server.requests[0]!;
		expect(seen.method).toBe('POST');
		expect(seen.headers).toMatchObject({
			'x-api-key': API_KEY,
			accept: 'application/json',
			'user-agent': 'kit-test/1',
			'content-type': 'application/json',
			'idempotency-key': 'idem-1',
			'x-trace': 't1',
		});
		expect(seen.headers.authorization).toBeUndefined();
		expect(JSON.parse(seen.body.toString('utf8'))).toEqual({ name: 'Ünïcode' });
	});

	it('sends no body and no content-type for bodyless requests; bearer mode uses Authorization', async () => {
		const { server, config } = await fixture.start((_req, res) => {
			res.writeHead(204);
			res.end();
		});
		const transport = createUndiciTransport({
			...config,
			apiKey: undefined,
			bearerToken: 'jwt.token.value',
		});
		const response = await transport({ method: 'POST', path: '/api-keys/k1/revoke' });
		expect(response).toEqual({ status: 204, headers: expect.any(Object), body: undefined });
		const seen = server.requests[0]!;
		expect(seen.headers.authorization).toBe('Bearer jwt.token.value');
		expect(seen.headers['x-api-key']).toBeUndefined();
		expect(seen.headers['content-type']).toBeUndefined();
		expect(seen.body.length).toBe(0);
	});

	it('resolves non-2xx responses with lower-case headers; parses JSON only when declared', async () => {
		const { transport } = await setup((req, res) => {
			if (req.url.endsWith('/json-error'))
				return sendJson(
					res,
					404,
					{ error: { code: 'resource_video_not_found' } },
					{ 'X-Request-ID': 'req_9' },
				);
			if (req.url.endsWith('/bad-json')) {
				res.writeHead(502, { 'content-type': 'application/json' });
				return res.end('{not json');
			}
			res.writeHead(503, { 'content-type': 'text/html' });
			res.end('<h1>down</h1>');
		});
		expect(await transport({ method: 'GET', path: '/json-error' })).toMatchObject({
			status: 404,
			headers: { 'x-request-id': 'req_9' },
			body: { error: { code: 'resource_video_not_found' } },
		});
		expect((await transport({ method: 'GET', path: '/bad-json' })).body).toBe('{not json');
		expect((await transport({ method: 'GET', path: '/html' })).body).toBe('<h1>down</h1>');
	});

	it('does not follow redirects', async () => {
		const { server, transport } = await setup((req, res) => {
			if (req.url.includes('/start')) {
				res.writeHead(302, { location: `http://${req.headers.host}/api/v2/elsewhere` });
				res.end();
			} else {
				sendJson(res, 200, { followed: true });
			}
		});
		const response = await transport({ method: 'GET', path: '/start' });
		expect(response.status).toBe(302);
		expect(server.requests.map((r) => r.url)).toEqual(['/api/v2/start']);
	});

	it('rejects with network_error when nothing listens', async () => {
		const transport = createUndiciTransport({ baseUrl: await closedPortUrl(), apiKey: API_KEY });
		const error = await transport({ method: 'GET', path: '/indexes' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(VideoVectorNetworkError);
		expect(error).toMatchObject({ code: 'network_error', causeCode: 'ECONNREFUSED' });
		expect((error as Error).message).toMatch(/^GET \/indexes: /);
		expect((error as Error).message).not.toContain(API_KEY);
	});

	it('rejects with timeout_error when the server does not answer in time', async () => {
		const { config } = await fixture.start(() => undefined);
		const transport = createUndiciTransport({ ...config, timeoutMs: 150 });
		await expect(transport({ method: 'GET', path: '/slow' })).rejects.toMatchObject({
			code: 'timeout_error',
		});
	});

	it('refuses ambiguous configuration and paths that leave the base URL', async () => {
		expect(() =>
			createUndiciTransport({
				baseUrl: 'http://127.0.0.1:1/api/v2',
				apiKey: 'a',
				bearerToken: 'b',
			}),
		).toThrow(/not both/);
		expect(() => createUndiciTransport({ baseUrl: 'http://user:pw@127.0.0.1:1/api/v2' })).toThrow(
			/credentials/,
		);
		const transport = createUndiciTransport({
			baseUrl: 'http://127.0.0.1:1/api/v2',
			apiKey: API_KEY,
		});
		for (const path of ['https://evil.example/x', '//evil.example/x', 'indexes']) {
			await expect(transport({ method: 'GET', path })).rejects.toThrow(/relative to the base URL/);
		}
	});
});
