/**
 * Memory of a large upload through the node: a 2 GB file held by n8n in filesystem binary mode
 * (the item carries only an id) goes through the VideoVector node's execute path — Playground →
 * Upload, i.e. the streamed multipart body over the same HTTP path n8n uses — to the emulator.
 * Reported: growth of this process's resident memory while it runs (target < 64 MB), against a
 * plain undici streamed upload of the same file measured in the same run; and the throughput of both.
 *
 * Each path is measured in its own fresh process (see `measureInChild`), and the emulator runs in
 * a third one, so neither its buffers and disk writes nor the other path's heap count. The file
 * is sparse (created by truncation), so it costs no disk until the emulator stores its copies; the
 * file is deleted afterwards and the emulator removes its uploads when it stops.
 * Run: `npm run bench -- node-upload` (the script sets `--expose-gc`, which the RSS baseline needs).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { request } from 'undici';

import { runBinaryNode } from '../test/nodes/media/support/run-binary-node';
import { startEmulatorProcess } from './emulator-process';
import { ratioOf, rssMb, type BenchResult } from './result';
import { sparseFile } from './sparse-file';

const FILE_BYTES = 2 * 1024 ** 3;
const WARM_UP_BYTES = 64 * 1024 ** 2;
const RSS_TARGET_MB = 64;
const SAMPLE_EVERY_MS = 25;

interface Target {
	baseUrl: string;
	apiKey: string;
}

interface Measured {
	peakGrowthMb: number;
	seconds: number;
}

/** Peak resident-memory growth over a baseline taken after a GC, sampled while `work` runs. */
async function measure(work: () => Promise<void>): Promise<Measured> {
	const start = rssMb();
	let peak = start;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss / 1024 / 1024);
	}, SAMPLE_EVERY_MS);
	const began = performance.now();
	try {
		await work();
	} finally {
		clearInterval(sampler);
	}
	const seconds = (performance.now() - began) / 1000;
	peak = Math.max(peak, process.memoryUsage().rss / 1024 / 1024);
	return { peakGrowthMb: Number((peak - start).toFixed(1)), seconds };
}

/** Baseline: the same multipart body, streamed by hand with undici (no n8n, no node code). */
async function plainUpload(target: Target, path: string, size: number): Promise<void> {
	const boundary = '----bench-baseline-boundary';
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	async function* body(): AsyncGenerator<Buffer> {
		yield head;
		for await (const chunk of createReadStream(path)) yield chunk as Buffer;
		yield tail;
	}
	const response = await request(`${target.baseUrl}/workflow/upload`, {
		method: 'POST',
		headers: {
			'x-api-key': target.apiKey,
			'content-type': `multipart/form-data; boundary=${boundary}`,
			'content-length': String(head.length + size + tail.length),
			'idempotency-key': `bench-baseline-${size}`,
		},
		body: Readable.from(body(), { objectMode: false }),
	});
	const text = await response.body.text();
	if (response.statusCode !== 201)
		throw new Error(`baseline upload failed: ${response.statusCode} ${text.slice(0, 200)}`);
}

/** The node: Playground → Upload of a filesystem-mode binary item, over real HTTP. */
async function nodeUpload(target: Target, path: string): Promise<void> {
	const id = 'filesystem-v2:bench/big';
	const { output } = await runBinaryNode({
		credentials: { apiKey: target.apiKey, baseUrl: target.baseUrl },
		items: [
			{
				json: {},
				binary: { data: { id, data: 'filesystem-v2', fileName: 'big.mp4', mimeType: 'video/mp4' } },
			},
		],
		binaryFiles: new Map([[id, path]]),
		parameters: {
			resource: 'media',
			operation: 'upload',
			binaryPropertyName: 'data',
			destination: 'playground',
			options: { title: 'bench' },
		},
	});
	const video = output[0]?.json.video as { video_id?: string } | undefined;
	if (!video?.video_id)
		throw new Error(`node upload returned no video: ${JSON.stringify(output[0]?.json)}`);
}

type Path = 'node' | 'baseline';

const CHILD_FLAG = '--node-upload-child';

async function upload(path: Path, target: Target, file: string, size: number): Promise<void> {
	if (path === 'node') await nodeUpload(target, file);
	else await plainUpload(target, file, size);
}

/**
 * One path measured in a fresh process: a warm-up upload first (module loading, connection pool,
 * JIT), then the 2 GB upload under the RSS sampler. A process per path keeps the two figures
 * independent: in one shared process whichever path runs first pays V8's heap growth.
 */
async function measureInChild(
	path: Path,
	target: Target,
	file: string,
	warmUp: string,
): Promise<Measured> {
	const child = spawn(
		process.execPath,
		[
			'--expose-gc',
			'--import',
			'tsx',
			__filename,
			CHILD_FLAG,
			path,
			target.baseUrl,
			target.apiKey,
			file,
			warmUp,
		],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	let printed = '';
	child.stdout.on('data', (chunk: Buffer) => {
		printed += chunk.toString();
	});
	const [code] = (await once(child, 'exit')) as [number | null];
	const line = printed.trim().split('\n').at(-1) ?? '';
	if (code !== 0 || !line.startsWith('{'))
		throw new Error(`${path} upload process failed (${code}): ${printed.slice(-500)}`);
	return JSON.parse(line) as Measured;
}

async function childMain([path, baseUrl, apiKey, file, warmUp]: string[]): Promise<void> {
	const target = { baseUrl: baseUrl as string, apiKey: apiKey as string };
	await upload(path as Path, target, warmUp as string, WARM_UP_BYTES);
	const measured = await measure(() => upload(path as Path, target, file as string, FILE_BYTES));
	process.stdout.write(`${JSON.stringify(measured)}\n`);
}

export async function run(): Promise<BenchResult[]> {
	const dir = await mkdtemp(join(tmpdir(), 'vv-bench-upload-'));
	const path = join(dir, 'big.mp4');
	const warmUpPath = join(dir, 'small.mp4');
	const emulator = await startEmulatorProcess({ EMULATOR_SEED: 'empty' });
	try {
		await sparseFile(path, FILE_BYTES);
		await sparseFile(warmUpPath, WARM_UP_BYTES);
		const baseline = await measureInChild('baseline', emulator, path, warmUpPath);
		const node = await measureInChild('node', emulator, path, warmUpPath);
		const mbPerSecond = (m: Measured) => Number((FILE_BYTES / 1024 ** 2 / m.seconds).toFixed(1));
		const nodeRate = mbPerSecond(node);
		const baseRate = mbPerSecond(baseline);
		return [
			{
				name: 'node-upload: RSS growth, 2 GB filesystem-mode upload',
				value: node.peakGrowthMb,
				unit: 'MB',
				baseline: baseline.peakGrowthMb,
				ratio: ratioOf(node.peakGrowthMb, baseline.peakGrowthMb),
				target: `< ${RSS_TARGET_MB} MB`,
				pass: node.peakGrowthMb < RSS_TARGET_MB,
			},
			{
				name: 'node-upload: throughput, 2 GB to the local emulator',
				value: nodeRate,
				unit: 'MB/s',
				baseline: baseRate,
				ratio: ratioOf(nodeRate, baseRate),
				target: 'ratio >= 0.5',
				pass: nodeRate >= baseRate * 0.5,
			},
		];
	} finally {
		await emulator.stop();
		await rm(dir, { recursive: true, force: true });
	}
}

if (process.argv[2] === CHILD_FLAG) {
	childMain(process.argv.slice(3)).catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
