import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { VideoVectorApiError } from '../../../shared/http/api-error';
import { downloadStream } from '../../../shared/server/download';
import { sendJson } from '../helpers/local-server';
import { localServerFixture, TEST_API_KEY as API_KEY } from '../helpers/server-fixture';

const TOKEN = `v1.${'A'.repeat(24)}.${'b'.repeat(24)}`;
const ARTIFACT = Buffer.alloc(3 * 1024 * 1024, 'export-json;');
const { start } = localServerFixture();

async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('downloadStream over real HTTP', () => {
	it('streams an API path with credentials', async () => {
		const { config, server } = await start((_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': ARTIFACT.length });
			res.end(ARTIFACT);
		});
		const download = await downloadStream(config, { path: '/exports/exp_1/download' });
		expect(download.status).toBe(200);
		expect(download.headers['content-length']).toBe(String(ARTIFACT.length));
		expect(digest(await readAll(download.body))).toBe(digest(ARTIFACT));
		expect(server.requests[0]?.headers['x-api-key']).toBe(API_KEY);
	});

	it('fetches a minted URL without any credential header', async () => {
		const { config, server } = await start((_req, res) => {
			res.writeHead(200, { 'content-length': 2 });
			res.end('{}');
		});
		const url = `${server.baseUrl}/exports/exp_1/download?token=${TOKEN}`;
		const download = await downloadStream(config, { url });
		expect((await readAll(download.body)).toString()).toBe('{}');
		const seen = server.requests[0]!;
		expect(seen.url).toBe(`/api/v2/exports/exp_1/download?token=${TOKEN}`);
		expect(seen.headers['x-api-key']).toBeUndefined();
		expect(seen.headers.authorization).toBeUndefined();
	});

	it('turns an error status into a redacted VideoVectorApiError', async () => {
		const { config, server } = await start((_req, res) =>
			sendJson(res, 403, {
				error: { code: 'download_token_invalid', message: `token ${TOKEN} expired` },
			}),
		);
		const error = await downloadStream(config, {
			url: `${server.baseUrl}/exports/e/download?token=${TOKEN}`,
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(VideoVectorApiError);
		expect(error).toMatchObject({ status: 403, code: 'download_token_invalid' });
		expect((error as Error).message).not.toContain(TOKEN);
	});

	it('fails the stream when the body ends short of Content-Length', async () => {
		const { config } = await start((_req, res) => {
			res.writeHead(200, { 'content-length': 1000 });
			res.write(Buffer.alloc(100));
			setImmediate(() => res.destroy());
		});
		const download = await downloadStream(config, { path: '/exports/exp_1/download' });
		await expect(readAll(download.body)).rejects.toThrow();
	});
});
