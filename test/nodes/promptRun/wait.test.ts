import { describe, expect, it } from 'vitest';

import { runNode, type RecordedRequest } from '../../support/run-node';
import { byId, route } from '../../support/node-fixtures';

const wait = { waitForCompletion: true, waitTimeout: 30, pollInterval: 0.01 };
const execute = {
	resource: 'promptRun',
	operation: 'execute',
	promptId: byId('p1'),
	target: 'index',
	indexId: byId('idx_1'),
	options: {},
	...wait,
};

/** Answers the start request, then each status poll with the next status of `statuses`. */
function runScript(statuses: string[], extra: Record<string, unknown> = {}) {
	let poll = 0;
	return (request: RecordedRequest) => {
		if (request.method === 'POST')
			return { statusCode: 202, body: { run_id: 'run_1', status: 'pending' } };
		const status = statuses[Math.min(poll++, statuses.length - 1)];
		return { body: { run_id: 'run_1', status, ...(status === 'failed' ? extra : {}) } };
	};
}

describe('Prompt Run: wait for completion', () => {
	it('polls through unknown statuses until a final one and returns the final run', async () => {
		const { requests, output } = await runNode({
			parameters: execute,
			respond: runScript(['queued', 'processing', 'partial_completed_soon', 'completed']),
		});
		expect(requests.map((r) => `${r.method} ${route(r.url)}`)).toEqual([
			'POST /prompt-runs/execute',
			...Array(4).fill('GET /prompt-runs/run_1'),
		]);
		expect(output).toEqual([
			{ json: { run_id: 'run_1', status: 'completed' }, pairedItem: { item: 0 } },
		]);
	});

	it('treats completed_with_failures as a success with partial results', async () => {
		const { output } = await runNode({
			parameters: execute,
			respond: runScript(['processing', 'completed_with_failures']),
		});
		expect(output[0].json).toEqual({ run_id: 'run_1', status: 'completed_with_failures' });
	});

	it('fails the item for a failed run, naming the run and the reason', async () => {
		const run = runNode({
			parameters: execute,
			respond: runScript(['processing', 'failed'], { error_message: 'model quota exhausted' }),
		});
		await expect(run).rejects.toThrow(
			'Prompt run run_1 ended with status "failed": model quota exhausted',
		);
	});

	it('with continue on fail, outputs the failed run itself with the error', async () => {
		const { output } = await runNode({
			parameters: execute,
			continueOnFail: true,
			respond: runScript(['failed'], { error_message: 'boom', failed_videos: 3 }),
		});
		expect(output).toEqual([
			{
				json: {
					run_id: 'run_1',
					status: 'failed',
					error_message: 'boom',
					failed_videos: 3,
					error: 'Prompt run run_1 ended with status "failed": boom',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('gives up at the timeout with the last status seen', async () => {
		const run = runNode({
			parameters: { ...execute, waitTimeout: 0.05 },
			respond: runScript(['processing']),
		});
		await expect(run).rejects.toThrow(
			/Timed out .* waiting for prompt run run_1 \(last status: processing\)/,
		);
	});

	it('without the option, returns the started run after one request', async () => {
		const { requests, output } = await runNode({
			parameters: { ...execute, waitForCompletion: false },
			respond: runScript(['completed']),
		});
		expect(requests).toHaveLength(1);
		expect(output[0].json).toEqual({ run_id: 'run_1', status: 'pending' });
	});

	it('cancel waits until the run has stopped and returns it, whatever the final status', async () => {
		let polls = 0;
		const { requests, output } = await runNode({
			parameters: {
				resource: 'promptRun',
				operation: 'cancel',
				runId: byId('run_1'),
				options: {},
				...wait,
			},
			respond: (r) =>
				r.method === 'POST'
					? { body: { run_id: 'run_1', status: 'processing', stop_state: { requested_at: 't' } } }
					: { body: { run_id: 'run_1', status: polls++ < 1 ? 'processing' : 'cancelled' } },
		});
		expect(requests[0].method).toBe('POST');
		expect(route(requests[0].url)).toBe('/prompt-runs/run_1/cancel');
		expect(requests[0].body).toBeUndefined();
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-/);
		expect(output[0].json).toEqual({ run_id: 'run_1', status: 'cancelled' });
	});

	it('retry segment waits for the retry; a failed retry fails the item unless continue on fail', async () => {
		const retryParams = {
			resource: 'promptRun',
			operation: 'retrySegment',
			runId: byId('run_1'),
			videoId: byId('vid_1'),
			segmentId: 'seg_4',
			options: {},
			...wait,
		};
		const script = (final: string) => {
			let polls = 0;
			return (r: RecordedRequest) =>
				r.method === 'POST'
					? { statusCode: 202, body: { retry_id: 'rt_1', status: 'queued' } }
					: {
							body: {
								retry_id: 'rt_1',
								status: polls++ < 1 ? 'processing' : final,
								error: final === 'failed' ? 'still broken' : null,
							},
						};
		};
		const done = await runNode({ parameters: retryParams, respond: script('completed') });
		expect(done.requests.map((r) => `${r.method} ${route(r.url)}`)).toEqual([
			'POST /prompt-runs/run_1/videos/vid_1/segments/seg_4/retry',
			'GET /prompt-runs/run_1/videos/vid_1/segments/seg_4/retries/rt_1',
			'GET /prompt-runs/run_1/videos/vid_1/segments/seg_4/retries/rt_1',
		]);
		expect(done.requests[0].headers['idempotency-key']).toMatch(/^n8n-/);
		expect(done.output[0].json).toMatchObject({ retry_id: 'rt_1', status: 'completed' });

		await expect(runNode({ parameters: retryParams, respond: script('failed') })).rejects.toThrow(
			'Segment retry rt_1 ended with status "failed": still broken',
		);
		const kept = await runNode({
			parameters: retryParams,
			continueOnFail: true,
			respond: script('failed'),
		});
		expect(kept.output[0].json).toMatchObject({
			retry_id: 'rt_1',
			status: 'failed',
			error: 'Segment retry rt_1 ended with status "failed": still broken',
		});
	});
});
