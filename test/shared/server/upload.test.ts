import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seededRandom } from '../../../emulator/core/rng';
import { VideoVectorNetworkError } from '../../../shared/http/api-error';
import { createMultipartBody } from '../../../shared/server/multipart';
import { uploadMultipart } from '../../../shared/server/upload';
import { sendJson } from '../helpers/local-server';
import { readMultipart } from '../helpers/multipart-reader';
import { localServerFixture } from '../helpers/server-fixture';

const FILE_SIZE = 6 * 1024 * 1024 + 123;
let dir: string;
let filePath: string;
let fileBytes: Buffer;
const fixture = localServerFixture();

function generatedBytes(size: number, seed: number): Buffer {
	const random = seededRandom(seed);
	const bytes = Buffer.alloc(size);
	for (let i = 0; i < size; i += 4)
		bytes.writeUInt32LE(Math.floor(random() * 2 ** 32), Math.min(i, size - 4));
	return bytes;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'vv-upload-'));
	filePath = join(dir, 'clip.mp4');
	fileBytes = generatedBytes(FILE_SIZE, 99);
	await writeFile(filePath, fileBytes);
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

const start = () =>
	fixture.start((_req, res) => sendJson(res, 201, { video: { video_id: 'vid_1' } }));

describe('uploadMultipart over real HTTP', () => {
	it('streams a multi-MB file with fields; server receives the exact bytes and a correct Content-Length', async () => {
		const { config, server } = await start();
		const response = await uploadMultipart(config, {
			path: '/workflow/upload',
			idempotencyKey: 'up-1',
			form: {
				fields: { title: 'Café "clip"', index_id: 'idx_1' },
				files: [
					{
						field: 'file',
						filename: 'clip "1".mp4',
						contentType: 'video/mp4',
						source: createReadStream(filePath),
						size: FILE_SIZE,
					},
				],
			},
		});
		expect(response).toMatchObject({ status: 201, body: { video: { video_id: 'vid_1' } } });
		const seen = server.requests[0]!;
		expect(seen.url).toBe('/api/v2/workflow/upload');
		expect(seen.headers).toMatchObject({ 'x-api-key': config.apiKey, 'idempotency-key': 'up-1' });
		expect(Number(seen.headers['content-length'])).toBe(seen.body.length);
		const parts = readMultipart(seen.body, seen.headers['content-type']);
		expect(parts.map((p) => [p.name, p.filename])).toEqual([
			['title', undefined],
			['index_id', undefined],
			['file', 'clip %221%22.mp4'],
		]);
		expect(parts[0]?.body.toString('utf8')).toBe('Café "clip"');
		expect(parts[2]?.headers['content-type']).toBe('video/mp4');
		expect(parts[2]?.body.length).toBe(FILE_SIZE);
		expect(sha256(parts[2]!.body)).toBe(sha256(fileBytes));
	});

	it('sends chunked when a size is unknown, with repeated parts for array fields', async () => {
		const { config, server } = await start();
		async function* source() {
			yield Buffer.from('{"type":"service_account",');
			yield Buffer.from('"project_id":"p"}');
		}
		await uploadMultipart(config, {
			path: '/connectors/gcs',
			form: {
				fields: { name: 'gcs', scopes: ['import', 'export'], export_base_path: undefined },
				files: [
					{
						field: 'credentials_file',
						filename: 'sa.json',
						contentType: 'application/json',
						source: source(),
					},
				],
			},
		});
		const seen = server.requests[0]!;
		expect(seen.headers['content-length']).toBeUndefined();
		expect(seen.headers['transfer-encoding']).toBe('chunked');
		const parts = readMultipart(seen.body, seen.headers['content-type']);
		expect(parts.map((p) => [p.name, p.body.toString('utf8')])).toEqual([
			['name', 'gcs'],
			['scopes', 'import'],
			['scopes', 'export'],
			['credentials_file', '{"type":"service_account","project_id":"p"}'],
		]);
	});

	it('fails instead of sending a body that disagrees with the declared size', async () => {
		const { config } = await start();
		const error = await uploadMultipart(config, {
			path: '/workflow/upload',
			form: {
				files: [
					{
						field: 'file',
						filename: 'x.bin',
						source: createReadStream(filePath),
						size: FILE_SIZE + 10,
					},
				],
			},
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(VideoVectorNetworkError);
		expect((error as Error).message).toMatch(/expected/);
	});
});

describe('createMultipartBody', () => {
	it('computes Content-Length equal to the streamed byte count', async () => {
		const body = createMultipartBody(
			{
				fields: { title: 'ü' },
				files: [
					{
						field: 'file',
						filename: 'a',
						source: [Buffer.from('hello')] as unknown as AsyncIterable<Uint8Array>,
						size: 5,
					},
				],
			},
			'fixed-boundary',
		);
		const chunks: Buffer[] = [];
		for await (const chunk of body.stream) chunks.push(chunk as Buffer);
		const all = Buffer.concat(chunks);
		expect(body.contentLength).toBe(all.length);
		expect(body.contentType).toBe('multipart/form-data; boundary=fixed-boundary');
		expect(all.toString('utf8')).toBe(
			'--fixed-boundary\r\nContent-Disposition: form-data; name="title"\r\n\r\nü\r\n' +
				'--fixed-boundary\r\nContent-Disposition: form-data; name="file"; filename="a"\r\nContent-Type: application/octet-stream\r\n\r\nhello\r\n' +
				'--fixed-boundary--\r\n',
		);
	});
});
