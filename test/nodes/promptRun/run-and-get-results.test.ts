/**
 * Prompt Run → Run and Get Results, and the cost guard of the operations that start a run, over real
 * HTTP against the emulator (its fast clock finishes runs while the node waits; its request log is
 * the witness), plus scripted answers for what the emulator never says.
 */
import { describe, expect, it } from 'vitest';

import { executeOn, useRunEmulator } from './run-emulator';
import { route } from '../../support/node-fixtures';
import { runNode, type Responder } from '../../support/run-node';

const { emulator, run } = useRunEmulator('run-and-get');

function seedIndex(media: number, segmentsPerMedia: number, titlePrefix?: string) {
	return emulator().control.seed.index({ media, segmentsPerMedia, failureRate: 0, titlePrefix });
}

const runOn = (seeded: Parameters<typeof executeOn>[0]) => ({
	...executeOn(seeded),
	operation: 'runAndGetResults',
	resultLevel: 'segment',
	waitTimeout: 60,
	pollInterval: 0.05,
});

/** The operation against scripted answers, for what the emulator never says. */
const scripted = (parameters: Record<string, unknown>, respond: Responder) =>
	runNode({
		parameters: {
			resource: 'promptRun',
			...runOn({ prompt_id: 'p', index_id: 'i' }),
			...parameters,
		},
		respond,
	});

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${emulator().baseUrl}${path}`, {
		method,
		headers: { 'x-api-key': emulator().apiKey, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}`);
	return (await response.json()) as T;
}

const logged = (method: string, path: string) =>
	emulator()
		.control.requests.list({ method })
		.filter((r) => r.path === path);

describe('Prompt Run → Run and Get Results', () => {
	it('starts one run, waits for it and outputs every segment result over several pages', async () => {
		const seeded = seedIndex(3, 40);
		emulator().control.requests.clear();
		const { output } = await run(runOn(seeded));

		const executes = logged('POST', '/prompt-runs/execute');
		expect(executes).toHaveLength(1);
		expect(executes[0].headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		const runId = String(output[0].json.run_id);
		expect(runId).not.toBe(seeded.run_id);
		expect(logged('GET', `/prompt-runs/${runId}`).length).toBeGreaterThanOrEqual(1);

		expect(output).toHaveLength(120);
		expect(output.every((item) => item.json.run_id === runId)).toBe(true);
		expect(output.every((item) => item.pairedItem !== undefined)).toBe(true);
		const segments = output.map((item) => item.json.segment_id);
		expect(new Set(segments).size).toBe(120);
		const pages = logged('GET', `/workflow/runs/${runId}/results`);
		expect(pages).toHaveLength(3);
		expect(pages.map((page) => page.query.result_level)).toEqual(['segment', 'segment', 'segment']);
		// The same results, in the same order, as the API lists them for the finished run.
		const direct = await api<{ unfiltered: { data: Array<{ segment_id: string }> } }>(
			'GET',
			`/workflow/runs/${runId}/results?view=unfiltered&limit=50`,
		);
		expect(segments.slice(0, 50)).toEqual(direct.unfiltered.data.map((r) => r.segment_id));
	});

	it('outputs one video-level result per media item when asked for media-item results', async () => {
		const seeded = emulator().control.seed.index({ media: 3, segmentsPerMedia: 2, run: false });
		const prompt = await api<{ prompt_id: string }>('POST', '/prompts', {
			name: 'Media summary',
			prompt_text: 'Describe the scene in this segment in a few words.',
			json_schema: { type: 'object', properties: { scene: { type: 'string' } } },
			video_level: {
				instructions_text: 'Summarise the whole media item.',
				included_segment_fields: ['scene'],
				json_schema: { type: 'object', properties: { summary: { type: 'string' } } },
			},
		});
		const { output } = await run({
			...runOn({ prompt_id: prompt.prompt_id, index_id: seeded.index_id }),
			resultLevel: 'video',
		});
		expect(output).toHaveLength(3);
		expect(output.map((item) => item.json.result_type)).toEqual(['video', 'video', 'video']);
		expect(new Set(output.map((item) => item.json.video_id))).toEqual(new Set(seeded.video_ids));
	});

	it('is idempotent: the same execution and item start one run and read its results again', async () => {
		const seeded = seedIndex(2, 3);
		const before = emulator().control.counts().prompt_runs;
		const first = await run(runOn(seeded), { executionId: 'exec-same' });
		const second = await run(runOn(seeded), { executionId: 'exec-same' });
		expect(emulator().control.counts().prompt_runs).toBe(before + 1);
		expect(second.output.map((i) => i.json.result_id)).toEqual(
			first.output.map((i) => i.json.result_id),
		);
	});

	it('fails the item for a failed run, naming the run, and reads no results', async () => {
		const seeded = seedIndex(2, 2, '[fail] clip');
		emulator().control.requests.clear();
		await expect(run(runOn(seeded))).rejects.toThrow(
			/Prompt run run_\w+ ended with status "failed"/,
		);
		expect(
			emulator()
				.control.requests.list({ method: 'GET' })
				.filter((r) => r.path.includes('/results')),
		).toHaveLength(0);

		const { output } = await run(runOn(seeded), { continueOnFail: true });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ status: 'failed' });
		expect(String(output[0].json.error)).toMatch(/ended with status "failed"/);
	});

	it('fails a cancelled run naming its id, and gives up at Max Wait naming the last status', async () => {
		const statuses = ['processing', 'cancelled'];
		await expect(
			scripted({}, (request) =>
				route(request.url) === '/prompt-runs/execute'
					? { statusCode: 202, body: { run_id: 'run_9', status: 'pending' } }
					: { body: { run_id: 'run_9', status: statuses.shift() ?? 'cancelled' } },
			),
		).rejects.toThrow('Prompt run run_9 ended with status "cancelled"');

		await expect(
			scripted({ waitTimeout: 0.2 }, () => ({
				statusCode: 202,
				body: { run_id: 'run_8', status: 'processing' },
			})),
		).rejects.toThrow(
			/Timed out after 0 s waiting for prompt run run_8 \(last status: processing\)/,
		);
	});
});

describe('cost guard (Estimate First, Max Estimated Cost)', () => {
	for (const operation of ['execute', 'runAndGetResults']) {
		it(`${operation}: refuses to start above the limit, naming the estimate and the limit`, async () => {
			const seeded = seedIndex(2, 10);
			const before = emulator().control.counts().prompt_runs;
			emulator().control.requests.clear();
			const error = await run({
				...runOn(seeded),
				operation,
				options: { ...runOn(seeded).options, estimateFirst: true, maxEstimatedCost: 5 },
			}).catch((caught: unknown) => caught as Error);
			// 20 segments at 0.5 MT plus 200 s of video at 0.01 MT (emulator/README.md).
			expect(String((error as Error).message)).toBe(
				'Prompt run not started: the estimated cost of 12 MT is above the limit of 5 MT (Max Estimated Cost)',
			);
			expect(emulator().control.counts().prompt_runs).toBe(before);
			expect(logged('POST', '/prompt-runs/execute')).toHaveLength(0);
		});
	}

	it('starts under the limit, estimating exactly the request it then executes', async () => {
		const seeded = seedIndex(2, 10);
		emulator().control.requests.clear();
		const { output } = await run({
			...runOn(seeded),
			operation: 'execute',
			options: { ...runOn(seeded).options, maxEstimatedCost: 12, enableTranscription: false },
		});
		expect(output[0].json.status).toBe('pending');
		const [estimate] = logged('POST', '/prompt-runs/estimate');
		const [execute] = logged('POST', '/prompt-runs/execute');
		expect(estimate.body).toEqual(execute.body);
		expect(execute.body).toMatchObject({ enable_transcription: false });
		expect(estimate.body).not.toHaveProperty('max_estimated_cost');
	});

	it('refuses when the API says the balance is not sufficient', async () => {
		// 25,000 segments at 0.5 MT are above the emulator's fixed balance of 10,000 MT.
		const seeded = seedIndex(1, 25_000);
		const before = emulator().control.counts().prompt_runs;
		await expect(
			run({
				...runOn(seeded),
				operation: 'execute',
				options: { ...runOn(seeded).options, estimateFirst: true },
			}),
		).rejects.toThrow(
			/^Prompt run not started: the API estimates 15000 MT and says the balance is not sufficient \(current balance 10000 MT\)$/,
		);
		expect(emulator().control.counts().prompt_runs).toBe(before);
	});

	it('estimates nothing when the guard is off, and refuses an estimate it cannot read', async () => {
		const executed = await scripted({ operation: 'execute' }, () => ({
			statusCode: 202,
			body: { run_id: 'run_1', status: 'pending' },
		}));
		expect(executed.requests.map((r) => route(r.url))).toEqual(['/prompt-runs/execute']);

		const refused = scripted({ operation: 'execute', options: { estimateFirst: true } }, () => ({
			body: { estimated_credits: 3, sufficient_balance: true },
		}));
		await expect(refused).rejects.toThrow(
			'Prompt run not started: the cost estimate has no numeric estimated_mt (got null)',
		);
	});
});
