/**
 * Media and Playground over real HTTP against the emulator: streamed uploads stored byte for byte,
 * idempotent retries, credential-free downloads, binary previews, URL imports with a fast clock,
 * and pagination at scale.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/app';
import { seededBytes, sha256, writeSeededFile } from './support/seeded-file';
import { byId, outputBytes, runBinaryNode, type BinaryRunOptions } from './support/run-binary-node';

/** A fast clock for the node's waits (retry backoff, polling): at most 5 real ms each. */
vi.mock('n8n-workflow', async (original) => {
	const actual = await original<typeof import('n8n-workflow')>();
	return { ...actual, sleep: async (ms: number) => await actual.sleep(Math.min(ms, 5)) };
});

const FILE_SIZE = 6 * 1024 * 1024 + 123;
const FILE_ID = 'filesystem-v2:workflows/w1/executions/e1/binary_data/clip';

let emulator: RunningEmulator;
let dir: string;
let filePath: string;
let fileSha: string;

beforeAll(async () => {
	// 1000 virtual ms per real ms: import jobs finish in a few real milliseconds.
	emulator = await startEmulator({
		seed: 'empty',
		randomSeed: 'media-node-tests',
		clockScale: 1000,
	});
	dir = await mkdtemp(join(tmpdir(), 'vv-media-test-'));
	filePath = join(dir, 'clip.mp4');
	fileSha = await writeSeededFile(filePath, FILE_SIZE, 42);
});

afterAll(async () => {
	await emulator?.close();
	await rm(dir, { recursive: true, force: true });
});

beforeEach(() => emulator.control.reset('empty'));

function run(options: Omit<BinaryRunOptions, 'credentials'>) {
	return runBinaryNode({
		credentials: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl },
		...options,
	});
}

/** The clip as n8n's filesystem binary mode passes it: an id pointing at the file on disk. */
const fileOnDisk = (): Pick<BinaryRunOptions, 'items' | 'binaryFiles'> => ({
	items: [
		{
			json: {},
			binary: {
				data: { id: FILE_ID, data: 'filesystem-v2', mimeType: 'video/mp4', fileName: 'clip.mp4' },
			},
		},
	],
	binaryFiles: new Map([[FILE_ID, filePath]]),
});

const videoOf = (item: INodeExecutionData) => item.json.video as IDataObject;

const uploads = () => emulator.control.requests.list({ method: 'POST', path: '/workflow/upload' });

describe('Media upload over real HTTP', () => {
	it('streams a multi-MB filesystem-mode file; the stored bytes equal the bytes sent', async () => {
		const { output } = await run({
			...fileOnDisk(),
			parameters: {
				resource: 'media',
				operation: 'upload',
				binaryPropertyName: 'data',
				destination: 'indexName',
				indexName: 'Uploads',
				options: { title: 'Clip' },
			},
		});
		const video = videoOf(output[0]);
		expect(output[0].json.destination).toMatchObject({ type: 'index', index_created: true });
		const stored = emulator.control.uploads.get(String(video.video_id));
		expect(stored).toMatchObject({
			size: FILE_SIZE,
			sha256: fileSha,
			filename: 'clip.mp4',
			content_type: 'video/mp4',
		});
		expect(video.title).toBe('Clip');
	});

	it('Upload "Single Attempt" sends an in-memory binary to the playground; Get Many in the playground shows it', async () => {
		const bytes = seededBytes(1_000_003, 7);
		const { output } = await run({
			items: [
				{
					json: {},
					binary: {
						data: { data: bytes.toString('base64'), mimeType: 'audio/mpeg', fileName: 'note.mp3' },
					},
				},
			],
			parameters: {
				resource: 'media',
				operation: 'upload',
				binaryPropertyName: 'data',
				destination: 'playground',
				options: { uploadMethod: 'singleAttempt' },
			},
		});
		const videoId = String(output[0].json.video_id);
		expect(emulator.control.uploads.get(videoId)).toMatchObject({
			size: bytes.length,
			sha256: sha256(bytes),
		});
		const listed = await run({
			parameters: {
				resource: 'media',
				operation: 'getAll',
				mediaIn: 'playground',
				returnAll: true,
			},
		});
		expect(listed.output.map((item) => item.json.video_id)).toContain(videoId);
		expect(listed.output.find((item) => item.json.video_id === videoId)?.json.title).toBe(
			'note.mp3',
		);
	});

	for (const kind of ['server_error', 'reset'] as const) {
		it(`retries after an injected ${kind}, re-streaming the file under the same Idempotency-Key`, async () => {
			emulator.control.faults.add({
				kind,
				method: 'POST',
				path: '/workflow/upload',
				next: 1,
				retryAfterSeconds: 0,
			});
			const { output } = await run({
				...fileOnDisk(),
				parameters: {
					resource: 'media',
					operation: 'upload',
					binaryPropertyName: 'data',
					destination: 'playground',
					options: {},
				},
			});
			const videoId = String(videoOf(output[0]).video_id);
			expect(emulator.control.uploads.get(videoId)).toMatchObject({
				size: FILE_SIZE,
				sha256: fileSha,
			});
			expect(emulator.control.counts().videos).toBe(1);
			const keys = uploads().map((entry) => entry.headers['idempotency-key']);
			expect(keys).toHaveLength(2);
			expect(new Set(keys).size).toBe(1);
		});
	}

	it("n8n's Retry On Fail (same execution, node, item) replays the upload instead of adding the media twice", async () => {
		const options = {
			...fileOnDisk(),
			executionId: 'exec-retry',
			parameters: {
				resource: 'media',
				operation: 'upload',
				binaryPropertyName: 'data',
				destination: 'playground',
				title: '',
				options: {},
			},
		};
		const first = await run(options);
		const again = await run(options);
		expect(videoOf(again.output[0]).video_id).toBe(videoOf(first.output[0]).video_id);
		expect(emulator.control.counts().videos).toBe(1);
		const other = await run({ ...options, executionId: 'exec-other' });
		expect(videoOf(other.output[0]).video_id).not.toBe(videoOf(first.output[0]).video_id);
	});
});

describe('Media downloads over real HTTP', () => {
	async function uploadClip(): Promise<string> {
		const { output } = await run({
			...fileOnDisk(),
			parameters: {
				resource: 'media',
				operation: 'upload',
				binaryPropertyName: 'data',
				destination: 'playground',
				options: {},
			},
		});
		return String(videoOf(output[0]).video_id);
	}

	it('Download fetches the granted URL and returns the original bytes, name and type', async () => {
		const videoId = await uploadClip();
		const result = await run({
			parameters: {
				resource: 'media',
				operation: 'download',
				videoId: byId(videoId),
				options: {},
				binaryPropertyName: 'file',
			},
		});
		expect(result.output[0].binary?.file).toMatchObject({
			fileName: 'clip.mp4',
			mimeType: 'video/mp4',
		});
		expect(sha256(outputBytes(result, 0, 'file'))).toBe(fileSha);
		expect(result.output[0].json).toEqual({
			video_id: videoId,
			file_name: 'clip.mp4',
			mime_type: 'video/mp4',
		});
	});

	it('Get Preview GIF and Get Segment Thumbnail return images of the right type', async () => {
		const seeded = emulator.control.seed.index({ media: 1, segmentsPerMedia: 2 });
		const videoId = seeded.video_ids[0] as string;
		const gif = await run({
			parameters: {
				resource: 'media',
				operation: 'getGif',
				videoId: byId(videoId),
				binaryPropertyName: 'data',
			},
		});
		expect(gif.output[0].binary?.data).toMatchObject({
			mimeType: 'image/gif',
			fileName: `${videoId}.gif`,
		});
		expect(outputBytes(gif).subarray(0, 4).toString('latin1')).toBe('GIF8');

		const segments = await run({
			parameters: {
				resource: 'media',
				operation: 'getSegments',
				videoId: byId(videoId),
				returnAll: true,
				options: {},
			},
		});
		const segmentId = String(segments.output[0].json.segment_id);
		const thumb = await run({
			parameters: {
				resource: 'media',
				operation: 'getSegmentThumbnail',
				segmentId,
				binaryPropertyName: 'data',
			},
		});
		expect(thumb.output[0].binary?.data).toMatchObject({
			mimeType: 'image/jpeg',
			fileName: `${segmentId}.jpg`,
		});
		expect(
			outputBytes(thumb)
				.subarray(0, 2)
				.equals(Buffer.from([0xff, 0xd8])),
		).toBe(true);
	});

	it('a missing media item fails with the API message and status', async () => {
		const failing = run({
			parameters: {
				resource: 'media',
				operation: 'getGif',
				videoId: byId('vid_missing'),
				binaryPropertyName: 'data',
			},
		});
		await expect(failing).rejects.toMatchObject({ httpCode: '404' });
	});
});

describe('Media imports and lists over real HTTP', () => {
	it('Import From URLs with Wait for Completion returns the finished job', async () => {
		const { output } = await run({
			parameters: {
				resource: 'media',
				operation: 'importUrls',
				filesInput: 'fields',
				files: {
					file: [
						{ downloadUrl: 'https://cdn.example.com/talk.mp4' },
						{ downloadUrl: 'https://cdn.example.com/intro.mp3' },
					],
				},
				destination: 'indexName',
				indexName: 'Imported',
				title: '',
				waitForCompletion: true,
				waitTimeout: 10,
				pollInterval: 0.05,
				options: {},
			},
		});
		expect(output[0].json.status).toBe('completed');
		expect(output[0].json.video_ids).toHaveLength(2);
	});

	it('Get Many in the playground pages through 250 items, and stops at a limit', async () => {
		emulator.control.seed.index({ playground: true, media: 250, run: false });
		emulator.control.requests.clear();
		const all = await run({
			parameters: {
				resource: 'media',
				operation: 'getAll',
				mediaIn: 'playground',
				returnAll: true,
			},
		});
		expect(all.output).toHaveLength(250);
		expect(new Set(all.output.map((item) => item.json.video_id)).size).toBe(250);
		expect(
			emulator.control.requests.list({ method: 'GET', path: '/playground/videos' }),
		).toHaveLength(3);

		emulator.control.requests.clear();
		const some = await run({
			parameters: {
				resource: 'media',
				operation: 'getAll',
				mediaIn: 'playground',
				returnAll: false,
				limit: 130,
			},
		});
		expect(some.output).toHaveLength(130);
		expect(
			emulator.control.requests.list({ method: 'GET', path: '/playground/videos' }),
		).toHaveLength(2);
	});

	it('List Segments returns every segment of a long media item', async () => {
		const seeded = emulator.control.seed.index({ media: 1, segmentsPerMedia: 230 });
		const { output } = await run({
			parameters: {
				resource: 'media',
				operation: 'getSegments',
				videoId: byId(seeded.video_ids[0] as string),
				returnAll: true,
				options: { runId: seeded.run_id },
			},
		});
		expect(output).toHaveLength(230);
		expect(new Set(output.map((item) => item.json.segment_id)).size).toBe(230);
	});
});
