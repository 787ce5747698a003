import { describe, expect, it } from 'vitest';

import { runNode, TEST_BASE_URL } from '../../support/run-node';
import { byId, path } from '../../support/node-fixtures';

const job = (status: string, extra: object = {}) => ({
	job_id: 'job_1',
	connector_id: 'conn_1',
	target_index_id: 'idx_1',
	status,
	...extra,
});

const createParams = {
	resource: 'importJob',
	operation: 'create',
	connectorId: byId('conn_1'),
	indexId: byId('idx_1'),
	waitForCompletion: false,
	options: { prefix: ' videos/ ', pattern: '*.mp4', recursive: false },
};

describe('Import job: create', () => {
	it('sends the import definition with an Idempotency-Key and returns the job as accepted', async () => {
		const { requests, output } = await runNode({
			parameters: createParams,
			respond: () => ({ statusCode: 202, body: job('pending') }),
		});
		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('POST');
		expect(requests[0].url).toBe(`${TEST_BASE_URL}/import-jobs`);
		expect(requests[0].body).toEqual({
			connector_id: 'conn_1',
			index_id: 'idx_1',
			source_prefix: 'videos/',
			file_pattern: '*.mp4',
			recursive: false,
		});
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		expect(output[0].json).toEqual(job('pending'));
	});

	it('adds the import mode override only when chosen, and defaults an empty pattern to *', async () => {
		const { requests } = await runNode({
			parameters: {
				...createParams,
				options: { ...createParams.options, pattern: '', importModeOverride: 'new_only' },
			},
			respond: () => ({ statusCode: 202, body: job('pending') }),
		});
		expect(requests[0].body).toMatchObject({ file_pattern: '*', import_mode_override: 'new_only' });
	});

	it('with Wait for Completion polls the job until it is final and returns that state', async () => {
		const states = [
			job('pending'),
			job('scanning'),
			job('importing'),
			job('completed', { progress: { imported: 3, failed: 1 } }),
		];
		const { requests, output } = await runNode({
			parameters: { ...createParams, waitForCompletion: true, waitTimeout: 30, pollInterval: 0.01 },
			respond: (_r, i) => ({
				statusCode: i === 0 ? 202 : 200,
				body: states[Math.min(i, states.length - 1)],
			}),
		});
		expect(requests.map((r) => `${r.method} ${path(r.url)}`)).toEqual([
			'POST /import-jobs',
			'GET /import-jobs/job_1',
			'GET /import-jobs/job_1',
			'GET /import-jobs/job_1',
		]);
		expect(requests.slice(1).every((r) => r.headers['idempotency-key'] === undefined)).toBe(true);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ status: 'completed', progress: { failed: 1 } });
	});

	it('does not poll when the job is already final', async () => {
		const { requests } = await runNode({
			parameters: { ...createParams, waitForCompletion: true, waitTimeout: 30, pollInterval: 0.01 },
			respond: () => ({
				statusCode: 202,
				body: job('failed', { error_message: 'bucket not found' }),
			}),
		});
		expect(requests).toHaveLength(1);
	});

	it('gives up at the timeout naming the last status', async () => {
		const run = runNode({
			parameters: {
				...createParams,
				waitForCompletion: true,
				waitTimeout: 0.05,
				pollInterval: 0.02,
			},
			respond: () => ({ body: job('importing') }),
		});
		await expect(run).rejects.toThrow(/Timed out .* import job job_1 \(last status: importing\)/);
	});

	it('refuses a missing index before sending', async () => {
		const requests: unknown[] = [];
		const run = runNode({
			parameters: { ...createParams, indexId: byId('') },
			respond: (r) => (requests.push(r), { body: {} }),
		});
		await expect(run).rejects.toThrow('Index is required');
		expect(requests).toHaveLength(0);
	});
});

describe('Import job: cancel, retry, get', () => {
	it.each([
		['cancel', '/import-jobs/job%201/cancel'],
		['retry', '/import-jobs/job%201/retry'],
	])('%s is a bodyless POST with an Idempotency-Key', async (operation, expectedPath) => {
		const { requests, output } = await runNode({
			parameters: {
				resource: 'importJob',
				operation,
				jobId: 'job 1',
				waitForCompletion: false,
				options: {},
			},
			respond: () => ({ body: job(operation === 'cancel' ? 'cancelled' : 'pending') }),
		});
		expect(requests[0].method).toBe('POST');
		expect(path(requests[0].url)).toBe(expectedPath);
		expect(requests[0].body).toBeUndefined();
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-/);
		expect(output).toHaveLength(1);
	});

	it('retry with Wait for Completion returns the final state', async () => {
		const { requests, output } = await runNode({
			parameters: {
				resource: 'importJob',
				operation: 'retry',
				jobId: 'job_1',
				waitForCompletion: true,
				waitTimeout: 30,
				pollInterval: 0.01,
				options: {},
			},
			respond: (_r, i) => ({ body: i === 0 ? job('pending') : job('completed') }),
		});
		expect(requests.map((r) => r.method)).toEqual(['POST', 'GET']);
		expect(output[0].json.status).toBe('completed');
	});

	it('get reads the job', async () => {
		const { requests, output } = await runNode({
			parameters: { resource: 'importJob', operation: 'get', jobId: 'job_1' },
			respond: () => ({ body: job('importing') }),
		});
		expect(requests[0].method).toBe('GET');
		expect(path(requests[0].url)).toBe('/import-jobs/job_1');
		expect(output[0].json).toEqual(job('importing'));
	});

	it('refuses an empty job id before sending', async () => {
		const requests: unknown[] = [];
		const run = runNode({
			parameters: { resource: 'importJob', operation: 'get', jobId: '' },
			respond: (r) => (requests.push(r), { body: {} }),
		});
		await expect(run).rejects.toThrow('Import Job is required');
		expect(requests).toHaveLength(0);
	});
});

describe('Import job: list', () => {
	const jobs = Array.from({ length: 4 }, (_, i) => job('completed', { job_id: `job_${i}` }));

	it('passes the filters and the limit to the API and trims to the limit', async () => {
		const { requests, output } = await runNode({
			parameters: {
				resource: 'importJob',
				operation: 'getAll',
				returnAll: false,
				limit: 3,
				filters: { status: 'failed', indexId: ' idx_1 ', automationOnly: true },
			},
			respond: () => ({ body: jobs }),
		});
		const url = new URL(requests[0].url);
		expect(url.pathname).toBe('/api/v2/import-jobs');
		expect(Object.fromEntries(url.searchParams)).toEqual({
			limit: '3',
			status: 'failed',
			index_id: 'idx_1',
			automation_only: 'true',
		});
		expect(output).toHaveLength(3);
	});

	it('Return All asks for the most the API gives (200) and sends no empty filters', async () => {
		const { requests, output } = await runNode({
			parameters: { resource: 'importJob', operation: 'getAll', returnAll: true, filters: {} },
			respond: () => ({ body: jobs }),
		});
		expect(new URL(requests[0].url).search).toBe('?limit=200');
		expect(output).toHaveLength(4);
	});
});
