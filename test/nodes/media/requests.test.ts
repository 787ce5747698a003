import { describe, expect, it } from 'vitest';

import { TEST_API_KEY, TEST_BASE_URL } from '../../support/run-node';
import { byId, runBinaryNode } from './support/run-binary-node';

const media = (operation: string, rest: Record<string, unknown>) => ({
	resource: 'media',
	operation,
	...rest,
});

interface Case {
	title: string;
	parameters: Record<string, unknown>;
	method: string;
	url: string;
	body?: unknown;
	answer: unknown;
	/** JSON of the output items. */
	output: unknown[];
}

const video = { video_id: 'vid_1', title: 'Clip', status: 'PROCESSED' };

const cases: Case[] = [
	{
		title: 'get',
		parameters: media('get', { videoId: byId('vid_1') }),
		method: 'GET',
		url: '/videos/vid_1',
		answer: video,
		output: [video],
	},
	{
		title: 'delete',
		parameters: media('delete', { videoId: byId('vid/1') }),
		method: 'DELETE',
		url: '/videos/vid%2F1',
		answer: { video_id: 'vid/1', deletion_id: 'del_1', status: 'pending' },
		output: [{ deleted: true, id: 'vid/1', deletion_id: 'del_1', status: 'pending' }],
	},
	{
		title: 'getDeletion',
		parameters: media('getDeletion', { videoId: byId('vid_1') }),
		method: 'GET',
		url: '/videos/vid_1/deletion',
		answer: { video_id: 'vid_1', status: 'deleted' },
		output: [{ video_id: 'vid_1', status: 'deleted' }],
	},
	{
		title: 'create from a storage URI with a connector',
		parameters: media('create', {
			videoUri: ' gs://bucket/a/b.mp4 ',
			title: 'Board meeting',
			indexId: byId('idx_1'),
			options: { sourceConnectorId: 'conn_9' },
		}),
		method: 'POST',
		url: '/videos',
		body: {
			title: 'Board meeting',
			video_uri: 'gs://bucket/a/b.mp4',
			index_id: 'idx_1',
			source_connector_id: 'conn_9',
		},
		answer: video,
		output: [video],
	},
	{
		title: 'process with a prompt',
		parameters: media('split', {
			videoId: byId('vid_1'),
			segmentDuration: 30,
			promptId: 'prompt_2',
		}),
		method: 'POST',
		url: '/videos/vid_1/process?segment_duration=30&prompt_id=prompt_2',
		answer: { message: 'started' },
		output: [{ message: 'started' }],
	},
	{
		title: 'process without a prompt',
		parameters: media('split', {
			videoId: byId('vid_1'),
			segmentDuration: 10,
			promptId: '',
		}),
		method: 'POST',
		url: '/videos/vid_1/process?segment_duration=10',
		answer: { message: 'started' },
		output: [{ message: 'started' }],
	},
	{
		title: 'list prompt runs sends the limit and returns one item per run',
		parameters: media('getPromptRuns', { videoId: byId('vid_1'), returnAll: false, limit: 2 }),
		method: 'GET',
		url: '/videos/vid_1/prompt-runs?limit=2',
		answer: [{ run_id: 'run_1' }, { run_id: 'run_2' }],
		output: [{ run_id: 'run_1' }, { run_id: 'run_2' }],
	},
	{
		title: 'list prompt runs with Return All asks for the maximum',
		parameters: media('getPromptRuns', { videoId: byId('vid_1'), returnAll: true }),
		method: 'GET',
		url: '/videos/vid_1/prompt-runs?limit=200',
		answer: [{ run_id: 'run_1' }],
		output: [{ run_id: 'run_1' }],
	},
	{
		title: 'batch get',
		parameters: media('batchGet', { videoIds: 'vid_1, vid_2\nvid_1' }),
		method: 'POST',
		url: '/videos/batch',
		body: { video_ids: ['vid_1', 'vid_2'] },
		answer: [
			{ video_id: 'vid_1', gif_data: null },
			{ video_id: 'vid_2', gif_data: null },
		],
		output: [
			{ video_id: 'vid_1', gif_data: null },
			{ video_id: 'vid_2', gif_data: null },
		],
	},
	{
		title: 'batch status from an array expression',
		parameters: media('batchStatus', { videoIds: ['vid_1', 'vid_3'] }),
		method: 'POST',
		url: '/videos/batch/status',
		body: { video_ids: ['vid_1', 'vid_3'] },
		answer: [{ video_id: 'vid_1', status: 'PROCESSED' }],
		output: [{ video_id: 'vid_1', status: 'PROCESSED' }],
	},
	{
		title: 'batch segments by media IDs',
		parameters: media('batchSegments', { selectBy: 'videoIds', videoIds: 'vid_1' }),
		method: 'POST',
		url: '/videos/batch/segments',
		body: { video_ids: ['vid_1'] },
		answer: [{ video_id: 'vid_1', run_id: null, segments: [] }],
		output: [{ video_id: 'vid_1', run_id: null, segments: [] }],
	},
	{
		title: 'batch segments by media and run',
		parameters: media('batchSegments', {
			selectBy: 'targets',
			targets: {
				target: [
					{ videoId: 'vid_1', runId: 'run_1' },
					{ videoId: 'vid_2', runId: '' },
				],
			},
		}),
		method: 'POST',
		url: '/videos/batch/segments',
		body: { targets: [{ video_id: 'vid_1', run_id: 'run_1' }, { video_id: 'vid_2' }] },
		answer: [],
		output: [],
	},
	{
		title: 'signed URL',
		parameters: media('getSignedUrl', { gcsUri: 'gs://b/seg.mp4', forceRefresh: false }),
		method: 'POST',
		url: '/videos/signed-url',
		body: { gcs_uri: 'gs://b/seg.mp4' },
		answer: {
			signed_url: 'https://storage.example/seg.mp4?sig=x',
			expires_at: '2026-01-01T00:00:00Z',
		},
		output: [
			{ signed_url: 'https://storage.example/seg.mp4?sig=x', expires_at: '2026-01-01T00:00:00Z' },
		],
	},
	{
		title: 'signed URL, forced refresh',
		parameters: media('getSignedUrl', { gcsUri: 'gs://b/seg.mp4', forceRefresh: true }),
		method: 'POST',
		url: '/videos/signed-url',
		body: { gcs_uri: 'gs://b/seg.mp4', force_refresh: true },
		answer: { signed_url: 'https://s/x', expires_at: 'x' },
		output: [{ signed_url: 'https://s/x', expires_at: 'x' }],
	},
	{
		title: 'download link for one run segment',
		parameters: media('getDownloadUrl', {
			videoId: byId('vid_1'),
			options: { runId: 'run_1', segmentId: 'seg_4' },
		}),
		method: 'POST',
		url: '/workflow/media-grants',
		body: { video_id: 'vid_1', intent: 'download', run_id: 'run_1', segment_id: 'seg_4' },
		answer: {
			video_id: 'vid_1',
			url: 'https://media.example/x',
			filename: 'clip.mp4',
			mime_type: 'video/mp4',
		},
		output: [
			{
				video_id: 'vid_1',
				url: 'https://media.example/x',
				filename: 'clip.mp4',
				mime_type: 'video/mp4',
			},
		],
	},
	{
		title: 'import from URLs into an index by name, waiting disabled',
		parameters: media('importUrls', {
			filesInput: 'fields',
			files: {
				file: [
					{
						downloadUrl: 'https://cdn.example/a.mp4',
						fileId: 'drive-1',
						fileName: 'a.mp4',
						mimeType: 'video/mp4',
					},
				],
			},
			destination: 'indexName',
			indexName: 'Interviews',
			title: '',
			waitForCompletion: false,
			options: {},
		}),
		method: 'POST',
		url: '/workflow/attachments',
		body: {
			files: [
				{
					download_url: 'https://cdn.example/a.mp4',
					file_id: 'drive-1',
					file_name: 'a.mp4',
					mime_type: 'video/mp4',
				},
			],
			index_name: 'Interviews',
		},
		answer: { job_id: 'job_1', status: 'pending' },
		output: [{ job_id: 'job_1', status: 'pending' }],
	},
];

describe('Media resource: request and output of each JSON operation', () => {
	for (const testCase of cases) {
		it(testCase.title, async () => {
			const { requests, output } = await runBinaryNode({
				parameters: testCase.parameters,
				respond: () => ({ body: testCase.answer }),
			});
			expect(requests).toHaveLength(1);
			const [request] = requests;
			expect(request.method).toBe(testCase.method);
			expect(request.url).toBe(`${TEST_BASE_URL}${testCase.url}`);
			expect(request.body).toEqual(testCase.body);
			expect(request.headers['x-api-key']).toBe(TEST_API_KEY);
			expect(output.map((item) => item.json)).toEqual(testCase.output);
			expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		});
	}

	it('list segments pins a run, follows cursors and keeps the filters on every page', async () => {
		const pages: Record<string, unknown> = {
			first: {
				data: [{ segment_id: 's1' }, { segment_id: 's2' }],
				pagination: { has_more: true, next_cursor: 'c2' },
			},
			c2: { data: [{ segment_id: 's3' }], pagination: { has_more: false, next_cursor: null } },
		};
		const { requests, output } = await runBinaryNode({
			parameters: media('getSegments', {
				videoId: byId('vid_1'),
				returnAll: true,
				options: { runId: 'run_1', latestRun: true },
			}),
			respond: (request) => ({
				body: pages[new URL(request.url).searchParams.get('cursor') ?? 'first'],
			}),
		});
		expect(output.map((item) => item.json.segment_id)).toEqual(['s1', 's2', 's3']);
		expect(requests.map((r) => r.url)).toEqual([
			`${TEST_BASE_URL}/videos/vid_1/segments?run_id=run_1&latest_run=true&limit=100`,
			`${TEST_BASE_URL}/videos/vid_1/segments?run_id=run_1&latest_run=true&limit=100&cursor=c2`,
		]);
	});

	it('import from URLs derives a stable file ID from the URL and reads files given as JSON', async () => {
		const parameters = media('importUrls', {
			filesInput: 'json',
			filesJson: JSON.stringify([{ download_url: 'https://cdn.example/b.mov' }]),
			destination: 'playground',
			waitForCompletion: false,
			options: { title: 'Imported', idempotencyKey: 'batch-7' },
		});
		const first = await runBinaryNode({
			parameters,
			respond: () => ({ statusCode: 202, body: { job_id: 'job_1' } }),
		});
		const again = await runBinaryNode({
			parameters,
			respond: () => ({ statusCode: 202, body: { job_id: 'job_1' } }),
		});
		const body = first.requests[0].body as { files: Array<{ file_id: string }> };
		expect(body).toEqual({
			files: [
				{
					download_url: 'https://cdn.example/b.mov',
					file_id: expect.stringMatching(/^url-[0-9a-f]{32}$/),
				},
			],
			title: 'Imported',
		});
		expect((again.requests[0].body as typeof body).files[0].file_id).toBe(body.files[0].file_id);
		expect(first.requests[0].headers['idempotency-key']).toBe('batch-7');
	});

	it('import from URLs with Wait for Completion polls the import job until it is final', async () => {
		const states = ['scanning', 'importing', 'completed'];
		const { requests, output } = await runBinaryNode({
			parameters: media('importUrls', {
				filesInput: 'fields',
				files: { file: [{ downloadUrl: 'https://cdn.example/a.mp4' }] },
				destination: 'index',
				indexId: byId('idx_1'),
				title: '',
				waitForCompletion: true,
				waitTimeout: 5,
				pollInterval: 0.05,
				options: {},
			}),
			respond: (request, index) =>
				request.method === 'POST'
					? { statusCode: 202, body: { job_id: 'job_9', status: 'pending' } }
					: { body: { job_id: 'job_9', status: states[index - 1], progress: { imported: index } } },
		});
		expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
			'POST /api/v2/workflow/attachments',
			'GET /api/v2/import-jobs/job_9',
			'GET /api/v2/import-jobs/job_9',
			'GET /api/v2/import-jobs/job_9',
		]);
		expect((requests[0].body as { index_id: string }).index_id).toBe('idx_1');
		expect(output[0].json).toEqual({
			job_id: 'job_9',
			status: 'completed',
			progress: { imported: 3 },
		});
	});
});
