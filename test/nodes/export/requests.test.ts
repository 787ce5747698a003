import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { TEST_API_KEY, TEST_BASE_URL } from '../../support/run-node';
import { byId, outputBytes, runBinaryNode } from '../media/support/run-binary-node';

const exportOp = (operation: string, rest: Record<string, unknown>) => ({
	resource: 'export',
	operation,
	...rest,
});
const noWait = { waitForCompletion: false };

describe('Export resource: requests and output', () => {
	it('Create Index Export sends only the options set, with an idempotency key', async () => {
		const { requests, output } = await runBinaryNode({
			parameters: exportOp('createIndexExport', {
				indexId: byId('idx_1'),
				...noWait,
				options: {
					promptRunIds: 'run_1, run_2',
					destinationConnectorId: 'conn_1',
					destinationSubpath: ' ',
					resultScope: 'matches',
				},
			}),
			respond: () => ({ statusCode: 202, body: { export_id: 'exp_1', status: 'pending' } }),
		});
		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('POST');
		expect(requests[0].url).toBe(`${TEST_BASE_URL}/exports/index/idx_1`);
		expect(requests[0].body).toEqual({
			prompt_run_ids: ['run_1', 'run_2'],
			destination_connector_id: 'conn_1',
			result_scope: 'matches',
		});
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		expect(output[0].json).toEqual({ export_id: 'exp_1', status: 'pending' });
	});

	it('Create Index Export without options sends an empty object', async () => {
		const { requests } = await runBinaryNode({
			parameters: exportOp('createIndexExport', { indexId: byId('idx_1'), ...noWait, options: {} }),
			respond: () => ({ statusCode: 202, body: { export_id: 'exp_1', status: 'pending' } }),
		});
		expect(requests[0].body).toEqual({});
	});

	it('Create Prompt Run Export with Wait for Completion polls the export until it is final', async () => {
		const statuses = ['processing', 'processing', 'completed'];
		const { requests, output } = await runBinaryNode({
			parameters: exportOp('createPromptRunExport', {
				runId: byId('run_1'),
				waitForCompletion: true,
				waitTimeout: 5,
				pollInterval: 0.05,
				options: { resultScope: 'all', idempotencyKey: 'nightly-export' },
			}),
			respond: (request, index) =>
				request.method === 'POST'
					? { statusCode: 202, body: { export_id: 'exp_2', status: 'pending' } }
					: {
							body: {
								export_id: 'exp_2',
								status: statuses[index - 1],
								download_url: index === 3 ? '/api/v2/exports/exp_2/download' : null,
							},
						},
		});
		expect(requests[0].url).toBe(`${TEST_BASE_URL}/exports/prompt-run/run_1`);
		expect(requests[0].body).toEqual({ result_scope: 'all' });
		expect(requests[0].headers['idempotency-key']).toBe('nightly-export');
		expect(requests.slice(1).map((r) => `${r.method} ${r.url}`)).toEqual(
			Array(3).fill(`GET ${TEST_BASE_URL}/exports/exp_2`),
		);
		expect(output[0].json).toEqual({
			export_id: 'exp_2',
			status: 'completed',
			download_url: '/api/v2/exports/exp_2/download',
		});
	});

	it('Wait for Completion gives up at the timeout naming the last status', async () => {
		const run = runBinaryNode({
			parameters: exportOp('createIndexExport', {
				indexId: byId('idx_1'),
				waitForCompletion: true,
				waitTimeout: 0.2,
				pollInterval: 0.05,
				options: {},
			}),
			respond: (request) => ({
				statusCode: request.method === 'POST' ? 202 : 200,
				body: { export_id: 'exp_3', status: 'processing' },
			}),
		});
		await expect(run).rejects.toThrow(/Timed out .* export exp_3 \(last status: processing\)/);
	});

	it('List asks the API for the limit (at most 100)', async () => {
		const limited = await runBinaryNode({
			parameters: exportOp('getAll', { returnAll: false, limit: 2 }),
			respond: () => ({ body: [{ export_id: 'a' }, { export_id: 'b' }] }),
		});
		expect(limited.requests[0].url).toBe(`${TEST_BASE_URL}/exports?limit=2`);
		expect(limited.output.map((item) => item.json.export_id)).toEqual(['a', 'b']);
		const all = await runBinaryNode({
			parameters: exportOp('getAll', { returnAll: true }),
			respond: () => ({ body: [] }),
		});
		expect(all.requests[0].url).toBe(`${TEST_BASE_URL}/exports?limit=100`);
	});

	it('Get reads one export', async () => {
		const { requests, output } = await runBinaryNode({
			parameters: exportOp('get', { exportId: byId('exp_1') }),
			respond: () => ({ body: { export_id: 'exp_1', status: 'completed' } }),
		});
		expect(`${requests[0].method} ${requests[0].url}`).toBe(`GET ${TEST_BASE_URL}/exports/exp_1`);
		expect(output[0].json).toEqual({ export_id: 'exp_1', status: 'completed' });
	});

	it('Get Download URL is a bodyless POST without idempotency key, never retried', async () => {
		const minted = {
			export_id: 'exp_1',
			status: 'completed',
			destination_type: 'download',
			destination_connector_id: null,
			download_url: `https://api.test.invalid/api/v2/exports/exp_1/download?token=v1.${'a'.repeat(20)}.${'b'.repeat(20)}`,
		};
		const { requests, output } = await runBinaryNode({
			parameters: exportOp('getDownloadUrl', { exportId: byId('exp_1') }),
			respond: () => ({ body: minted }),
		});
		expect(requests[0].method).toBe('POST');
		expect(requests[0].url).toBe(`${TEST_BASE_URL}/exports/exp_1/download-url`);
		expect(requests[0].body).toBeUndefined();
		expect(requests[0].headers['idempotency-key']).toBeUndefined();
		expect(output[0].json).toEqual(minted);

		let attempts = 0;
		const failing = runBinaryNode({
			parameters: exportOp('getDownloadUrl', { exportId: byId('exp_1') }),
			respond: () => (
				(attempts += 1),
				{
					statusCode: 503,
					headers: { 'retry-after': '0' },
					body: { error: { code: 'unavailable', message: 'busy' } },
				}
			),
		});
		await expect(failing).rejects.toMatchObject({ httpCode: '503' });
		expect(attempts).toBe(1);
	});
});

describe('Export download: verified binary JSON artifact', () => {
	const artifact = Buffer.from(
		JSON.stringify({ export_id: 'exp_1', items: [{ video_id: 'v1', metadata: { topic: 'ü' } }] }),
	);
	const answer = (headers: Record<string, string>, bytes: Buffer = artifact) => ({
		headers,
		body: Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]),
	});

	it('returns the file as application/json named after the export, with its size', async () => {
		const result = await runBinaryNode({
			parameters: exportOp('download', { exportId: byId('exp_1'), binaryPropertyName: 'export' }),
			respond: () =>
				answer({ 'content-type': 'application/json', 'content-length': String(artifact.length) }),
		});
		const [request] = result.requests;
		expect(`${request.method} ${request.url}`).toBe(`GET ${TEST_BASE_URL}/exports/exp_1/download`);
		expect(request.headers['x-api-key']).toBe(TEST_API_KEY);
		expect(request.headers.accept).toBe('application/json');
		expect(result.output[0].binary?.export).toMatchObject({
			mimeType: 'application/json',
			fileName: 'export-exp_1.json',
		});
		expect(outputBytes(result, 0, 'export').equals(artifact)).toBe(true);
		expect(result.output[0].json).toEqual({
			export_id: 'exp_1',
			file_name: 'export-exp_1.json',
			mime_type: 'application/json',
			file_size: artifact.length,
		});
	});

	it('uses the file name from Content-Disposition', async () => {
		const result = await runBinaryNode({
			parameters: exportOp('download', { exportId: byId('exp_1'), binaryPropertyName: 'data' }),
			respond: () =>
				answer({
					'content-type': 'application/json',
					'content-length': String(artifact.length),
					'content-disposition': `attachment; filename="fallback.json"; filename*=UTF-8''r%C3%A9sultats.json`,
				}),
		});
		expect(result.output[0].binary?.data?.fileName).toBe('résultats.json');
	});

	const broken: Array<[string, Record<string, string>, Buffer?]> = [
		['a body shorter than its Content-Length', { 'content-length': String(artifact.length + 5) }],
		['a body longer than its Content-Length', { 'content-length': String(artifact.length - 5) }],
		['a missing Content-Length', {}],
		['a zero Content-Length', { 'content-length': '0' }, Buffer.alloc(0)],
		['an announced size above 64 MiB', { 'content-length': String(64 * 1024 * 1024 + 1) }],
	];
	for (const [what, headers, bytes] of broken) {
		it(`refuses ${what}`, async () => {
			const run = runBinaryNode({
				parameters: exportOp('download', { exportId: byId('exp_1'), binaryPropertyName: 'data' }),
				respond: () => answer({ 'content-type': 'application/json', ...headers }, bytes),
			});
			await expect(run).rejects.toThrow(/export file/);
		});
	}
});
