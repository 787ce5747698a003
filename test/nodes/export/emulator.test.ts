/** Exports over real HTTP against the emulator (fast clock): create, wait, download, mint. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/app';
import {
	byId,
	outputBytes,
	runBinaryNode,
	type BinaryRunOptions,
} from '../media/support/run-binary-node';

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({
		seed: 'empty',
		randomSeed: 'export-node-tests',
		clockScale: 1000,
	});
});

afterAll(async () => {
	await emulator?.close();
});

beforeEach(() => emulator.control.reset('empty'));

function run(options: Omit<BinaryRunOptions, 'credentials'>) {
	return runBinaryNode({
		credentials: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl },
		...options,
	});
}

const wait = { waitForCompletion: true, waitTimeout: 10, pollInterval: 0.05 };

describe('Exports over real HTTP', () => {
	it('Create Index Export waits until completed; Download returns the verified JSON artifact', async () => {
		const seeded = emulator.control.seed.index({ media: 3, segmentsPerMedia: 2 });
		const created = await run({
			parameters: {
				resource: 'export',
				operation: 'createIndexExport',
				indexId: byId(seeded.index_id as string),
				...wait,
				options: {},
			},
		});
		const finished = created.output[0].json;
		expect(finished).toMatchObject({
			status: 'completed',
			export_type: 'index',
			target_id: seeded.index_id,
			destination_type: 'download',
		});
		const exportId = String(finished.export_id);

		const downloaded = await run({
			parameters: {
				resource: 'export',
				operation: 'download',
				exportId: byId(exportId),
				binaryPropertyName: 'data',
			},
		});
		const bytes = outputBytes(downloaded);
		expect(downloaded.output[0].binary?.data?.mimeType).toBe('application/json');
		expect(downloaded.output[0].json).toMatchObject({
			export_id: exportId,
			mime_type: 'application/json',
			file_size: bytes.length,
		});
		expect(bytes.length).toBe(finished.file_size_bytes);
		const artifact = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
		expect(JSON.stringify(artifact)).toContain(seeded.video_ids[0] as string);
	});

	it('Create Prompt Run Export with an idempotency key is applied once', async () => {
		const seeded = emulator.control.seed.index({ media: 1 });
		const parameters = {
			resource: 'export',
			operation: 'createPromptRunExport',
			runId: byId(seeded.run_id as string),
			waitForCompletion: false,
			options: { idempotencyKey: 'export-once' },
		};
		const first = await run({ parameters });
		const again = await run({ parameters });
		expect(again.output[0].json.export_id).toBe(first.output[0].json.export_id);
		expect(emulator.control.counts().exports).toBe(1);
	});

	it('Get Download URL mints a fresh credential each call, and is never retried', async () => {
		const seeded = emulator.control.seed.index({ media: 1 });
		const created = await run({
			parameters: {
				resource: 'export',
				operation: 'createIndexExport',
				indexId: byId(seeded.index_id as string),
				...wait,
				options: {},
			},
		});
		const exportId = String(created.output[0].json.export_id);
		const mint = () =>
			run({
				parameters: { resource: 'export', operation: 'getDownloadUrl', exportId: byId(exportId) },
			});
		const [first, second] = [(await mint()).output[0].json, (await mint()).output[0].json];
		expect(Object.keys(first).sort()).toEqual([
			'destination_connector_id',
			'destination_type',
			'download_url',
			'export_id',
			'status',
		]);
		expect(String(first.download_url)).toMatch(
			new RegExp(`/exports/${exportId}/download\\?token=v1\\.`),
		);
		expect(second.download_url).not.toBe(first.download_url);

		emulator.control.faults.add({
			kind: 'server_error',
			method: 'POST',
			path: '/exports/*/download-url',
			next: 1,
			retryAfterSeconds: 0,
		});
		emulator.control.requests.clear();
		await expect(mint()).rejects.toMatchObject({ httpCode: '503' });
		expect(emulator.control.requests.list({ method: 'POST' })).toHaveLength(1);
	});

	it('a transient failure of Get is retried while waiting', async () => {
		const seeded = emulator.control.seed.index({ media: 1 });
		emulator.control.faults.add({
			kind: 'rate_limit',
			method: 'GET',
			path: '/exports/*',
			next: 1,
			retryAfterSeconds: 0,
		});
		const created = await run({
			parameters: {
				resource: 'export',
				operation: 'createIndexExport',
				indexId: byId(seeded.index_id as string),
				...wait,
				options: {},
			},
		});
		expect(created.output[0].json.status).toBe('completed');
		expect(
			emulator.control.requests.list({ method: 'GET' }).filter((entry) => entry.status === 429),
		).toHaveLength(1);
	});

	it('List returns the exports, newest first', async () => {
		const seeded = emulator.control.seed.index({ media: 1 });
		for (let i = 0; i < 3; i++) {
			await run({
				parameters: {
					resource: 'export',
					operation: 'createIndexExport',
					indexId: byId(seeded.index_id as string),
					waitForCompletion: false,
					options: { idempotencyKey: `k${i}` },
				},
			});
		}
		const { output } = await run({
			parameters: { resource: 'export', operation: 'getAll', returnAll: false, limit: 2 },
		});
		expect(output).toHaveLength(2);
		expect(
			emulator.control.requests.list({ method: 'GET', path: '/exports' }).at(-1)?.query,
		).toMatchObject({ limit: '2' });
	});
});
