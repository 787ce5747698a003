import { randomBytes } from 'node:crypto';

import type { IBinaryData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { TEST_API_KEY, TEST_BASE_URL } from '../../support/run-node';
import { boundaryOf, splitMultipart } from './support/multipart';
import { bodyBytes, byId, runBinaryNode, type BinaryRunOptions } from './support/run-binary-node';

const FILE = randomBytes(300_000);

/** An input item as n8n's filesystem binary mode hands it over: metadata and an id, no bytes. */
function onDisk(
	fileName = 'clip.mp4',
	mimeType = 'video/mp4',
): Pick<BinaryRunOptions, 'items' | 'binaryStore'> {
	const binary: IBinaryData = {
		data: 'filesystem-v2',
		id: 'filesystem-v2:test/clip',
		mimeType,
		fileName,
	};
	return {
		items: [{ json: {}, binary: { video: binary } }],
		binaryStore: new Map([['filesystem-v2:test/clip', FILE]]),
	};
}

/** The same file as n8n's in-memory mode keeps it: base64 on the item. */
function inMemory(): Pick<BinaryRunOptions, 'items'> {
	const binary: IBinaryData = {
		data: FILE.toString('base64'),
		mimeType: 'video/mp4',
		fileName: 'clip.mp4',
	};
	return { items: [{ json: {}, binary: { video: binary } }] };
}

const uploaded = {
	video: { video_id: 'vid_1', index_id: 'idx_1', title: 'Clip' },
	destination: { type: 'index', index_id: 'idx_1', index_created: false },
};

async function sentParts(request: { headers: Record<string, string>; body: unknown }) {
	const bytes = await bodyBytes(request.body);
	expect((request.body as { size: number }).size).toBe(bytes.length);
	expect(Object.prototype.toString.call(request.body)).toBe('[object Blob]');
	return splitMultipart(bytes, boundaryOf(request.headers['content-type']));
}

describe('Media upload: streamed multipart requests', () => {
	it('Upload streams a filesystem-mode file into an existing index with a derived idempotency key', async () => {
		const { requests, output } = await runBinaryNode({
			...onDisk(),
			parameters: {
				resource: 'media',
				operation: 'upload',
				binaryPropertyName: 'video',
				destination: 'index',
				indexId: byId('idx_1'),
				options: { title: 'Quarterly' },
			},
			respond: () => ({ statusCode: 201, body: uploaded }),
		});
		expect(requests).toHaveLength(1);
		const [request] = requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe(`${TEST_BASE_URL}/workflow/upload`);
		expect(request.headers['x-api-key']).toBe(TEST_API_KEY);
		expect(request.headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		// Redirect-following axios would keep every body chunk for a replay: uploads must not follow.
		expect(request.options.disableFollowRedirect).toBe(true);
		const parts = await sentParts(request);
		expect(parts.map((p) => p.name)).toEqual(['title', 'index_id', 'file']);
		expect(parts[0].data.toString()).toBe('Quarterly');
		expect(parts[1].data.toString()).toBe('idx_1');
		expect(parts[2].filename).toBe('clip.mp4');
		expect(parts[2].headers['content-type']).toBe('video/mp4');
		expect(parts[2].data.equals(FILE)).toBe(true);
		expect(output).toEqual([{ json: uploaded, pairedItem: { item: 0 } }]);
	});

	it('an in-memory binary produces the same file part', async () => {
		const { requests } = await runBinaryNode({
			...inMemory(),
			parameters: {
				resource: 'media',
				operation: 'upload',
				binaryPropertyName: 'video',
				destination: 'indexName',
				indexName: ' Interviews ',
				options: {},
			},
			respond: () => ({ statusCode: 201, body: uploaded }),
		});
		const parts = await sentParts(requests[0]);
		expect(parts.map((p) => [p.name, p.filename])).toEqual([
			['index_name', undefined],
			['file', 'clip.mp4'],
		]);
		expect(parts[0].data.toString()).toBe('Interviews');
		expect(parts[1].data.equals(FILE)).toBe(true);
	});

	it('the body can be streamed again, so a retried upload re-sends the whole file', async () => {
		const { requests } = await runBinaryNode({
			...onDisk(),
			parameters: {
				resource: 'media',
				operation: 'upload',
				binaryPropertyName: 'video',
				destination: 'playground',
				options: {},
			},
			respond: () => ({ statusCode: 201, body: uploaded }),
		});
		const first = await bodyBytes(requests[0].body);
		const second = await bodyBytes(requests[0].body);
		expect(second.equals(first)).toBe(true);
	});

	it('Upload into the playground sends no index field', async () => {
		const { requests } = await runBinaryNode({
			...onDisk(),
			parameters: {
				resource: 'media',
				operation: 'upload',
				binaryPropertyName: 'video',
				destination: 'playground',
				options: { title: 'Try-out', idempotencyKey: 'upload-42' },
			},
			respond: () => ({ statusCode: 201, body: uploaded }),
		});
		expect(requests[0].url).toBe(`${TEST_BASE_URL}/workflow/upload`);
		expect(requests[0].headers['idempotency-key']).toBe('upload-42');
		const parts = await sentParts(requests[0]);
		expect(parts.map((p) => p.name)).toEqual(['title', 'file']);
	});

	it('Upload Method "Single Attempt" uses the older endpoint, the file name as title, no idempotency key', async () => {
		const { requests, output } = await runBinaryNode({
			...onDisk('say "hi"\r\n.mp3', 'audio/mpeg'),
			parameters: {
				resource: 'media',
				operation: 'upload',
				binaryPropertyName: 'video',
				destination: 'playground',
				options: { uploadMethod: 'singleAttempt' },
			},
			respond: () => ({ body: { video_id: 'vid_2', status: 'NOT_PROCESSED' } }),
		});
		expect(requests[0].url).toBe(`${TEST_BASE_URL}/videos/upload`);
		expect(requests[0].headers['idempotency-key']).toBeUndefined();
		const parts = await sentParts(requests[0]);
		expect(parts.map((p) => p.name)).toEqual(['title', 'file']);
		// Control characters never reach a header; quotes are escaped as browsers do, so the framing holds.
		expect(parts[0].data.toString()).toBe('say "hi"__.mp3');
		expect(parts[1].filename).toBe('say %22hi%22__.mp3');
		expect(parts[1].headers['content-type']).toBe('audio/mpeg');
		expect(output[0].json).toEqual({ video_id: 'vid_2', status: 'NOT_PROCESSED' });
	});

	it('Upload Method "Single Attempt" into an index sends index_id', async () => {
		const { requests } = await runBinaryNode({
			...onDisk(),
			parameters: {
				resource: 'media',
				operation: 'upload',
				binaryPropertyName: 'video',
				destination: 'index',
				indexId: byId('idx_7'),
				options: { title: 'T', uploadMethod: 'singleAttempt' },
			},
			respond: () => ({ body: { video_id: 'vid_2' } }),
		});
		const parts = await sentParts(requests[0]);
		expect(parts.map((p) => [p.name, p.data.length > 10 ? '<file>' : p.data.toString()])).toEqual([
			['title', 'T'],
			['index_id', 'idx_7'],
			['file', '<file>'],
		]);
	});
});

describe('Media upload: bad input is refused before any request', () => {
	const base = {
		resource: 'media',
		operation: 'upload',
		binaryPropertyName: 'video',
		destination: 'index',
		indexId: byId('idx_1'),
		options: {},
	};
	const refusals: Array<[string, Partial<BinaryRunOptions>, Record<string, unknown>, RegExp]> = [
		['a missing binary field', onDisk(), { binaryPropertyName: 'other' }, /other/],
		[
			'a blank binary field name',
			onDisk(),
			{ binaryPropertyName: '  ' },
			/Input Binary Field is required/,
		],
		[
			'an empty file',
			{
				items: [
					{ json: {}, binary: { video: { data: '', mimeType: 'video/mp4', fileName: 'x.mp4' } } },
				],
			},
			{},
			/is empty/,
		],
		['an item without binary data', { items: [{ json: {} }] }, {}, /binary/],
		[
			'a title over 255 characters',
			onDisk(),
			{ options: { title: 'x'.repeat(256) } },
			/Title must be at most 255/,
		],
		['an empty index', onDisk(), { indexId: byId(' ') }, /Index is required/],
		[
			'an empty index name',
			onDisk(),
			{ destination: 'indexName', indexName: '' },
			/Index Name is required/,
		],
		[
			'Upload Method "Single Attempt" with an index found by name',
			onDisk(),
			{
				destination: 'indexName',
				indexName: 'Clips',
				options: { uploadMethod: 'singleAttempt' },
			},
			/cannot find an index by name/,
		],
	];
	for (const [what, setup, overrides, message] of refusals) {
		it(`refuses ${what}`, async () => {
			let sent = 0;
			const run = runBinaryNode({
				...setup,
				parameters: { ...base, ...overrides },
				respond: () => ((sent += 1), { body: {} }),
			});
			await expect(run).rejects.toThrow(message);
			expect(sent).toBe(0);
		});
	}
});
