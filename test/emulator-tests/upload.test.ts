import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers.js';

describe('streaming multipart uploads', () => {
	let t: TestEmulator;
	beforeAll(async () => {
		t = await startTestEmulator();
	});
	afterAll(() => t.close());

	const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

	it('stores exactly the bytes sent (fetch + FormData)', async () => {
		const bytes = randomBytes(6 * 1024 * 1024);
		const form = new FormData();
		form.append('title', 'random clip');
		form.append('file', new Blob([bytes]), 'random.mp4');
		const res = await t.call('POST', '/videos/upload', { rawBody: form });
		expect(res.status, res.text).toBe(201);
		expect(res.body.media_type).toBe('video');
		const stored = t.emu.control.uploads.get(res.body.video_id);
		expect(stored?.size).toBe(bytes.length);
		expect(stored?.sha256).toBe(sha(bytes));
		expect(sha(await readFile(stored!.path))).toBe(sha(bytes));
	});

	it('parses a body whose boundary is split across tiny chunks', async () => {
		const boundary = 'xXbOuNdArYXx';
		// Payload that contains boundary-like prefixes so a naive parser would cut it short.
		const payload = Buffer.concat([
			Buffer.from('\r\n--xXbOuNd not a boundary\r\n--'),
			randomBytes(70_000),
			Buffer.from('\r\n-'),
		]);
		const body = Buffer.concat([
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nchunky\r\n`,
			),
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="index_id"\r\n\r\n\r\n`),
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="chunky.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
			),
			payload,
			Buffer.from(`\r\n--${boundary}--\r\n`),
		]);
		const url = new URL(`${t.emu.baseUrl}/videos/upload`);
		const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
			const req = request(
				url,
				{
					method: 'POST',
					headers: {
						'x-api-key': t.emu.apiKey,
						'content-type': `multipart/form-data; boundary=${boundary}`,
						'content-length': String(body.length),
					},
				},
				(res) => {
					let text = '';
					res.on('data', (c) => (text += c));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
				},
			);
			req.on('error', reject);
			const write = (offset: number): void => {
				if (offset >= body.length) return void req.end();
				const size = 1 + (offset % 7);
				req.write(body.subarray(offset, offset + size), () => write(offset + size));
			};
			write(0);
		});
		expect(response.status, response.body).toBe(201);
		const created = JSON.parse(response.body);
		expect(created.media_type).toBe('audio');
		expect(t.emu.control.uploads.get(created.video_id)?.sha256).toBe(sha(payload));
	});

	it('rejects unsupported formats and missing parts with 422 naming the part', async () => {
		const form = new FormData();
		form.append('title', 'notes');
		form.append('file', new Blob(['hello']), 'notes.txt');
		const unsupported = await t.call('POST', '/videos/upload', { rawBody: form });
		expect(unsupported.status).toBe(422);
		expect(unsupported.body.error.details.field).toBe('file');
		const noFile = new FormData();
		noFile.append('title', 'x');
		expect(
			(await t.call('POST', '/videos/upload', { rawBody: noFile })).body.error.details.field,
		).toBe('file');
		const notMultipart = await t.call('POST', '/videos/upload', { body: { title: 'x' } });
		expect(notMultipart.status).toBe(400);
	});

	it('uploads through /workflow/upload into a new index by name', async () => {
		const form = new FormData();
		form.append('file', new Blob([randomBytes(1000)]), 'photo.png');
		form.append('index_name', 'Created by upload');
		const res = await t.call('POST', '/workflow/upload', {
			rawBody: form,
			idempotencyKey: 'wf-upload',
		});
		expect(res.status).toBe(201);
		expect(res.body.destination).toMatchObject({ type: 'index', index_created: true });
		expect(res.body.video.media_type).toBe('image');
		const grant = await t.call('POST', '/workflow/media-grants', {
			body: { video_id: res.body.video.video_id, intent: 'download' },
		});
		const download = await fetch(grant.body.url);
		expect(download.status).toBe(200);
		expect(Buffer.from(await download.arrayBuffer())).toHaveLength(1000);
	});
});
