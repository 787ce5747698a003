/** Connectors and import jobs over real HTTP against the emulator (fast clock). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/app.js';
import { byId, failureOf } from '../../support/node-fixtures';
import { emulatorRunner } from '../../support/emulator-run';

let emulator: RunningEmulator;
const { apiKey, one } = emulatorRunner(() => emulator);
let indexId: string;
let connectorId: string;

beforeAll(async () => {
	// 1000 virtual ms per real ms: a job's scan and per-file steps (seconds) pass in milliseconds.
	emulator = await startEmulator({
		seed: 'empty',
		randomSeed: 'node-import-jobs',
		clockScale: 1000,
	});
	indexId = emulator.control.seed.index({ name: 'Imports', media: 0, run: false })
		.index_id as string;
	const connector = await one({
		resource: 'connector',
		operation: 'createS3',
		name: 'Media bucket',
		bucket: 'media-bucket',
		region: 'eu-west-1',
		accessKeyId: 'AKIAEXAMPLE',
		secretAccessKey: 'not-a-real-secret-value',
		options: {},
	});
	connectorId = connector.connector_id as string;
});

afterAll(async () => {
	await emulator?.close();
});

const importParams = (extra: Record<string, unknown> = {}) => ({
	resource: 'importJob',
	operation: 'create',
	connectorId: byId(connectorId),
	indexId: byId(indexId),
	waitForCompletion: false,
	options: { prefix: 'videos/', pattern: '*', recursive: true },
	...extra,
});

describe('Connectors against the emulator', () => {
	it('creates an S3 connector that never returns its secret, and tests and browses it', async () => {
		const connector = await one({
			resource: 'connector',
			operation: 'get',
			connectorId: byId(connectorId),
		});
		expect(connector).toMatchObject({
			provider: 's3',
			bucket: 'media-bucket',
			scopes: ['import'],
			import_mode: 'all',
		});
		expect(JSON.stringify(connector)).not.toContain('not-a-real-secret-value');

		expect(
			await one({
				resource: 'connector',
				operation: 'test',
				connectorId: byId(connectorId),
				options: {},
			}),
		).toEqual({ success: true, error_message: null });

		const { output } = await apiKey({
			resource: 'connector',
			operation: 'browse',
			connectorId: byId(connectorId),
			filters: { prefix: 'videos/', pattern: '*.mp4', recursive: false },
			returnAll: true,
		});
		expect(output.map((item) => item.json.path)).toEqual(
			expect.arrayContaining(['videos/intro.mp4']),
		);
		expect(
			output.every(
				(item) =>
					String(item.json.path).endsWith('.mp4') &&
					!String(item.json.path).startsWith('videos/2024/'),
			),
		).toBe(true);
	});

	it('uploads the GCS service-account key as multipart from a binary property', async () => {
		const key = Buffer.from(
			JSON.stringify({
				type: 'service_account',
				project_id: 'proj',
				private_key: 'x',
				client_email: 'sa@proj.iam.gserviceaccount.com',
			}),
		);
		const gcs = await one(
			{
				resource: 'connector',
				operation: 'createGcs',
				name: 'GCS',
				bucket: 'gcs-media',
				gcpProjectId: 'proj',
				credentialsSource: 'binary',
				binaryPropertyName: 'key',
				options: { scopes: ['import', 'export'], exportBasePath: 'exports' },
			},
			{
				items: [
					{
						json: {},
						binary: {
							key: {
								data: key.toString('base64'),
								mimeType: 'application/json',
								fileName: 'sa.json',
							},
						},
					},
				],
			},
		);
		expect(gcs).toMatchObject({
			provider: 'gcs',
			bucket: 'gcs-media',
			gcp_project_id: 'proj',
			scopes: ['import', 'export'],
			export_base_path: 'exports',
		});
		const [logged] = emulator.control.requests.list({ method: 'POST', path: '/connectors/gcs' });
		expect(logged.status).toBe(201);
		const { output } = await apiKey({
			resource: 'connector',
			operation: 'getAll',
			returnAll: true,
		});
		expect(output.map((item) => item.json.connector_id)).toEqual(
			expect.arrayContaining([connectorId, gcs.connector_id]),
		);
	});
});

describe('Import jobs against the emulator', () => {
	it('create with Wait for Completion returns the finished job, failed files included', async () => {
		const job = await one(
			importParams({ waitForCompletion: true, waitTimeout: 60, pollInterval: 0.05 }),
		);
		expect(job.status).toBe('completed');
		const progress = job.progress as {
			total_files: number;
			imported: number;
			failed: number;
			skipped: number;
		};
		expect(progress.imported).toBeGreaterThan(0);
		expect(progress.imported + progress.failed + progress.skipped).toBe(progress.total_files);
		expect((job.failed_files as Array<{ path: string }>).map((file) => file.path)).toContain(
			'videos/corrupt-upload.mp4',
		);
		expect(job.video_ids).toHaveLength(progress.imported);

		const polls = emulator.control.requests.list({
			method: 'GET',
			path: `/import-jobs/${String(job.job_id)}`,
		});
		expect(polls.length).toBeGreaterThan(0);

		const { output } = await apiKey({
			resource: 'importJob',
			operation: 'getAll',
			returnAll: false,
			limit: 10,
			filters: { status: 'completed', indexId },
		});
		expect(output.map((item) => item.json.job_id)).toContain(job.job_id);
	});

	it('a 503 on create is retried with the same Idempotency-Key; re-running the execution replays the same job', async () => {
		emulator.control.faults.add({
			kind: 'server_error',
			method: 'POST',
			path: '/import-jobs',
			next: 1,
			retryAfterSeconds: 0,
		});
		emulator.control.requests.clear();
		const before = emulator.control.counts().import_jobs;
		const first = await one(importParams(), { executionId: 'exec-import-1' });
		const posts = emulator.control.requests.list({ method: 'POST', path: '/import-jobs' });
		expect(posts.map((p) => p.status)).toEqual([503, 202]);
		expect(posts[0].headers['idempotency-key']).toBe(posts[1].headers['idempotency-key']);

		const again = await one(importParams(), { executionId: 'exec-import-1' });
		expect(again.job_id).toBe(first.job_id);
		expect(emulator.control.counts().import_jobs).toBe(before + 1);
	});

	it('cancel with Wait for Completion returns the cancelled job; retry of a connector job is refused', async () => {
		emulator.control.clock.setScale(0); // frozen: the job stays pending until cancelled
		try {
			const job = await one(importParams());
			expect(job.status).toBe('pending');
			const cancelled = await one({
				resource: 'importJob',
				operation: 'cancel',
				jobId: job.job_id,
				waitForCompletion: true,
				waitTimeout: 5,
				pollInterval: 0.05,
				options: {},
			});
			expect(cancelled).toMatchObject({ job_id: job.job_id, status: 'cancelled' });

			const error = await failureOf(
				apiKey({
					resource: 'importJob',
					operation: 'retry',
					jobId: job.job_id,
					waitForCompletion: false,
					options: {},
				}),
			);
			// Per docs/api/conventions.md#import-jobs, the deployed API refuses a connector job with a 400 naming the attachment-job requirement.
			expect(error.httpCode).toBe('400');
			expect(error.message).toContain('requires an attachment job');
		} finally {
			emulator.control.clock.setScale(1000);
		}
	});
});
