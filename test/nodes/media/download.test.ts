import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import { describe, expect, it, vi } from 'vitest';

import { TEST_API_KEY, TEST_BASE_URL } from '../../support/run-node';
import { byId, outputBytes, runBinaryNode } from './support/run-binary-node';

/** Retry waits go through n8n-workflow's `sleep`: recorded here instead of waited for (a fast clock). */
const sleeps = vi.hoisted(() => [] as number[]);
vi.mock('n8n-workflow', async (original) => ({
	...(await original<typeof import('n8n-workflow')>()),
	sleep: async (ms: number) => {
		sleeps.push(ms);
	},
}));

const GIF = Buffer.concat([Buffer.from('GIF89a'), randomBytes(5000)]);
const stream = (bytes: Buffer | string) => Readable.from([Buffer.from(bytes)]);
const errorBody = (code: string, message: string) =>
	stream(JSON.stringify({ error: { code, message, request_id: 'req_1' } }));

describe('Media binary downloads', () => {
	it('Get Preview GIF streams the image into the output field with its type and a file name', async () => {
		const result = await runBinaryNode({
			parameters: {
				resource: 'media',
				operation: 'getGif',
				videoId: byId('vid_1'),
				binaryPropertyName: 'preview',
			},
			respond: () => ({ headers: { 'content-type': 'image/gif' }, body: stream(GIF) }),
		});
		const [request] = result.requests;
		expect(request.method).toBe('GET');
		expect(request.url).toBe(`${TEST_BASE_URL}/videos/vid_1/gif`);
		expect(request.headers['x-api-key']).toBe(TEST_API_KEY);
		expect(request.headers.accept).toBe('image/gif, image/*;q=0.8');
		expect(request.options.encoding).toBe('stream');
		const binary = result.output[0].binary?.preview;
		expect(binary).toMatchObject({ mimeType: 'image/gif', fileName: 'vid_1.gif' });
		expect(outputBytes(result, 0, 'preview').equals(GIF)).toBe(true);
		expect(result.output[0].json).toEqual({
			video_id: 'vid_1',
			file_name: 'vid_1.gif',
			mime_type: 'image/gif',
		});
	});

	it('Get Segment Thumbnail takes the name the server suggests and its media type', async () => {
		const png = randomBytes(700);
		const result = await runBinaryNode({
			parameters: {
				resource: 'media',
				operation: 'getSegmentThumbnail',
				segmentId: 'seg/1',
				binaryPropertyName: 'data',
			},
			respond: () => ({
				headers: {
					'content-type': 'image/png; charset=binary',
					'content-disposition': 'inline; filename="../thumb 1.png"',
				},
				body: stream(png),
			}),
		});
		expect(result.requests[0].url).toBe(`${TEST_BASE_URL}/videos/segments/seg%2F1/thumbnail`);
		// A suggested name is a file name, never a path.
		expect(result.output[0].binary?.data).toMatchObject({
			mimeType: 'image/png',
			fileName: '.._thumb 1.png',
		});
		expect(result.output[0].json.file_name).toBe('.._thumb 1.png');
		expect(outputBytes(result).equals(png)).toBe(true);
	});

	it('a thumbnail without type or name falls back to JPEG and the segment ID', async () => {
		const result = await runBinaryNode({
			parameters: {
				resource: 'media',
				operation: 'getSegmentThumbnail',
				segmentId: 'seg_2',
				binaryPropertyName: 'data',
			},
			respond: () => ({ headers: {}, body: stream('jpeg') }),
		});
		expect(result.output[0].binary?.data).toMatchObject({
			mimeType: 'image/jpeg',
			fileName: 'seg_2.jpg',
		});
	});

	it('an error answer to a streamed request is read and reported like any API error, not retried', async () => {
		const run = runBinaryNode({
			parameters: {
				resource: 'media',
				operation: 'getGif',
				videoId: byId('vid_404'),
				binaryPropertyName: 'data',
			},
			respond: () => ({
				statusCode: 404,
				headers: { 'content-type': 'application/json' },
				body: errorBody('resource_video_not_found', 'Video not found'),
			}),
		});
		await expect(run).rejects.toMatchObject({
			httpCode: '404',
			message: expect.stringContaining('Video not found'),
		});
	});

	it('a transient failure is retried before any byte is handed on', async () => {
		const result = await runBinaryNode({
			parameters: {
				resource: 'media',
				operation: 'getGif',
				videoId: byId('vid_1'),
				binaryPropertyName: 'data',
			},
			respond: (_request, index) =>
				index === 0
					? {
							statusCode: 503,
							headers: { 'retry-after': '0' },
							body: errorBody('unavailable', 'try again'),
						}
					: { headers: { 'content-type': 'image/gif' }, body: stream(GIF) },
		});
		expect(result.requests).toHaveLength(2);
		expect(outputBytes(result).equals(GIF)).toBe(true);
	});

	it('Download mints a grant, then fetches it WITHOUT credentials and names the file as the grant says', async () => {
		const file = randomBytes(20_000);
		const grant = {
			video_id: 'vid_1',
			url: 'https://media.example/_media/mg_secret123456?sig=abcdef123456',
			filename: 'interview.mov',
			mime_type: 'video/quicktime',
		};
		const result = await runBinaryNode({
			parameters: {
				resource: 'media',
				operation: 'download',
				videoId: byId('vid_1'),
				options: {},
				binaryPropertyName: 'data',
			},
			respond: (request) =>
				request.method === 'POST'
					? { body: grant }
					: { headers: { 'content-type': 'application/octet-stream' }, body: stream(file) },
		});
		const [mint, fetch] = result.requests;
		expect(mint.method).toBe('POST');
		expect(mint.url).toBe(`${TEST_BASE_URL}/workflow/media-grants`);
		expect(mint.body).toEqual({ video_id: 'vid_1', intent: 'download' });
		expect(mint.headers['x-api-key']).toBe(TEST_API_KEY);
		expect(fetch.method).toBe('GET');
		expect(fetch.url).toBe(grant.url);
		expect(fetch.headers['x-api-key']).toBeUndefined();
		expect(fetch.headers.authorization).toBeUndefined();
		expect(fetch.options.sendCredentialsOnCrossOriginRedirect).toBe(false);
		expect(fetch.options.encoding).toBe('stream');
		expect(result.output[0].binary?.data).toMatchObject({
			fileName: 'interview.mov',
			mimeType: 'video/quicktime',
		});
		expect(outputBytes(result).equals(file)).toBe(true);
		// The URL is a bearer credential: it is consumed, not passed on.
		expect(JSON.stringify(result.output[0].json)).not.toContain('mg_secret');
		expect(result.output[0].json).toEqual({
			video_id: 'vid_1',
			file_name: 'interview.mov',
			mime_type: 'video/quicktime',
		});
	});

	it('a relative grant URL is resolved against the API origin', async () => {
		const result = await runBinaryNode({
			parameters: {
				resource: 'media',
				operation: 'download',
				videoId: byId('vid_1'),
				options: { segmentId: 'seg_1', runId: 'run_1' },
				binaryPropertyName: 'data',
			},
			respond: (request) =>
				request.method === 'POST'
					? {
							body: {
								video_id: 'vid_1',
								url: '/_media/mg_1',
								filename: 'seg.mp4',
								mime_type: 'video/mp4',
							},
						}
					: { body: stream('x') },
		});
		expect(result.requests[1].url).toBe(`${new URL(TEST_BASE_URL).origin}/_media/mg_1`);
		expect(result.requests[1].headers['x-api-key']).toBeUndefined();
	});

	const token = 'mg_0123456789abcdef0123456789';
	for (const [where, url] of [
		['query', `https://media.example/_media/x?token=${token}`],
		['path', `https://media.example/_media/${token}`],
	]) {
		it(`a refused grant URL is reported without the URL or its token (token in the ${where})`, async () => {
			const run = runBinaryNode({
				parameters: {
					resource: 'media',
					operation: 'download',
					videoId: byId('vid_1'),
					options: {},
					binaryPropertyName: 'data',
				},
				respond: (request) =>
					request.method === 'POST'
						? { body: { video_id: 'vid_1', url, filename: 'a.mp4', mime_type: 'video/mp4' } }
						: { statusCode: 403, body: stream(`expired grant ${token}`) },
			});
			const error = (await run.catch((e: unknown) => e)) as Error & {
				description?: string;
				httpCode?: string;
			};
			expect(error.httpCode).toBe('403');
			expect(`${error.message} ${error.description ?? ''}`).not.toContain(token);
		});
	}

	it('a network failure on the grant URL names neither the path nor the token', async () => {
		const run = runBinaryNode({
			parameters: {
				resource: 'media',
				operation: 'download',
				videoId: byId('vid_1'),
				options: {},
				binaryPropertyName: 'data',
			},
			respond: (request) => {
				if (request.method === 'POST')
					return {
						body: {
							video_id: 'vid_1',
							url: `https://media.example/_media/${token}`,
							filename: 'a.mp4',
							mime_type: 'video/mp4',
						},
					};
				throw Object.assign(new Error(`connect ECONNREFUSED for /_media/${token}`), {
					code: 'ECONNREFUSED',
				});
			},
		});
		sleeps.length = 0;
		const error = (await run.catch((e: unknown) => e)) as Error & Record<string, unknown>;
		expect(error.message).toMatch(/refused the connection/);
		// Retried like any GET whose answer never came (3 retries), then reported.
		expect(sleeps).toHaveLength(3);
		const shown = JSON.stringify({ ...error, message: error.message });
		expect(shown).toContain('GET https://media.example (download link)');
		expect(shown).not.toContain(token);
	});

	it('a transfer cut off mid-body fails with a clear node error', async () => {
		async function* cutOff() {
			yield Buffer.from('GIF89a-partial');
			throw new Error('socket hang up');
		}
		const run = runBinaryNode({
			parameters: {
				resource: 'media',
				operation: 'getGif',
				videoId: byId('vid_1'),
				binaryPropertyName: 'data',
			},
			respond: () => ({ headers: { 'content-type': 'image/gif' }, body: Readable.from(cutOff()) }),
		});
		await expect(run).rejects.toThrow('Receiving "vid_1.gif" failed: socket hang up');
	});

	it('a blank output field name is refused before any request', async () => {
		let sent = 0;
		const run = runBinaryNode({
			parameters: {
				resource: 'media',
				operation: 'download',
				videoId: byId('vid_1'),
				options: {},
				binaryPropertyName: ' ',
			},
			respond: () => ((sent += 1), { body: {} }),
		});
		await expect(run).rejects.toThrow('Put Output File in Field is required');
		expect(sent).toBe(0);
	});
});
