import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { VideoVectorApiError } from '../../../shared/http/api-error';
import type { RetryEvent } from '../../../shared/http/send-with-retries';
import { createApiClient, type ApiClientOptions } from '../../../shared/server/api-client';
import { sendJson, type Handler } from '../helpers/local-server';
import { localServerFixture, TEST_API_KEY as API_KEY } from '../helpers/server-fixture';

const fixture = localServerFixture();

/** A client with its own connection pool (the default), closed after the test. */
async function clientFor(handler: Handler, options: Partial<ApiClientOptions> = {}) {
	const { server } = await fixture.start(handler);
	const client = createApiClient({ baseUrl: server.baseUrl, apiKey: API_KEY, ...options });
	fixture.closeLater(() => client.close());
	return { server, client };
}

describe('createApiClient', () => {
	it('retries a transient failure with real timers, honouring Retry-After: 0', async () => {
		let calls = 0;
		const retries: RetryEvent[] = [];
		const { server, client } = await clientFor(
			(_req, res) => {
				calls++;
				if (calls === 1)
					return sendJson(
						res,
						503,
						{ error: { code: 'unavailable', message: 'busy' } },
						{ 'retry-after': '0' },
					);
				sendJson(res, 200, { index_id: 'idx/1', name: 'n' });
			},
			{ onRetry: (event) => retries.push(event) },
		);
		const index = (await client.call('indexes.get', { params: { index_id: 'idx/1' } })) as {
			index_id: string;
		};
		expect(index.index_id).toBe('idx/1');
		expect(server.requests.map((r) => r.url)).toEqual([
			'/api/v2/indexes/idx%2F1',
			'/api/v2/indexes/idx%2F1',
		]);
		expect(retries).toMatchObject([
			{ retry: 1, delayMs: 0, method: 'GET', path: '/indexes/idx%2F1' },
		]);
	});

	it('throws the typed error for a final failure', async () => {
		const { client } = await clientFor((_req, res) =>
			sendJson(res, 404, {
				error: { code: 'resource_index_not_found', message: 'No such index', request_id: 'req_7' },
			}),
		);
		const error = await client
			.request({ method: 'GET', path: '/indexes/nope' })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(VideoVectorApiError);
		expect(error).toMatchObject({
			status: 404,
			code: 'resource_index_not_found',
			requestId: 'req_7',
		});
	});

	it('paginates against the server page by page', async () => {
		const { server, client } = await clientFor((req, res) => {
			const cursor = new URL(req.url, 'http://x').searchParams.get('cursor');
			if (cursor === null)
				return sendJson(res, 200, {
					data: [1, 2],
					pagination: { has_more: true, next_cursor: 'p2' },
				});
			sendJson(res, 200, { data: [3], pagination: { has_more: false, next_cursor: null } });
		});
		const pages: number[][] = [];
		for await (const page of client.paginate<number>(
			{ method: 'GET', path: '/playground/videos' },
			{ pageSize: 2 },
		))
			pages.push(page);
		expect(pages).toEqual([[1, 2], [3]]);
		expect(server.requests.map((r) => r.url)).toEqual([
			'/api/v2/playground/videos?limit=2',
			'/api/v2/playground/videos?limit=2&cursor=p2',
		]);
		expect(await client.collectAll({ method: 'GET', path: '/playground/videos' })).toEqual([
			1, 2, 3,
		]);
	});

	it('upload returns 2xx responses and throws on errors; download streams', async () => {
		const { client } = await clientFor((req, res) => {
			if (req.url.endsWith('/gif')) {
				res.writeHead(200, { 'content-type': 'image/gif', 'content-length': 3 });
				return res.end('GIF');
			}
			if (req.body.includes('reject-me'))
				return sendJson(res, 422, { detail: [{ loc: ['body', 'title'], msg: 'too long' }] });
			sendJson(res, 201, { video_id: 'vid_1' });
		});
		const file = () => [
			{ field: 'file', filename: 'a.mp4', source: Readable.from([Buffer.from('data')]), size: 4 },
		];
		const ok = await client.upload({
			path: '/videos/upload',
			form: { fields: { title: 't' }, files: file() },
		});
		expect(ok.body).toEqual({ video_id: 'vid_1' });
		await expect(
			client.upload({
				path: '/videos/upload',
				form: { fields: { title: 'reject-me' }, files: file() },
			}),
		).rejects.toMatchObject({
			status: 422,
			field: 'title',
		});
		const gif = await client.download({ path: '/videos/vid_1/gif' });
		const chunks: Buffer[] = [];
		for await (const chunk of gif.body) chunks.push(chunk as Buffer);
		expect(Buffer.concat(chunks).toString()).toBe('GIF');
	});
});
