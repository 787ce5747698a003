import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { upsertCredential } from '../../../tools/n8n/credential';
import { nodeDescription } from '../harness/package-types';
import type { CredentialRef, Workflow, WorkflowJson } from '../../../tools/n8n/workflow-types';
import { useStack } from '../harness/use-stack';
import { evaluateOperation, type OperationReport } from './evaluate';
import { type CatalogFixture, createCatalogFixture } from './fixtures';
import { catalogOperations, needsBearer } from './operations';
import type { RecordedRequest } from './request-rules';
import { openPickers, type PickerResult } from './pickers';
import { buildPhaseWorkflow } from './workflows';

/**
 * Every operation of the node, run in the real n8n through n8n's own request helpers against a
 * strict emulator, its requests checked against the endpoint table and docs/api/conventions.md#request-conventions and docs/api/conventions.md#idempotency-keys.
 * Writes test/e2e/.artifacts/operations.json (one entry per operation).
 */

const ARTIFACT = path.resolve(__dirname, '..', '.artifacts', 'operations.json');

const stack = useStack({ emulator: { seed: 'empty', clockScale: 0, randomSeed: 'e2e-catalog' } });

const START_NODE = {
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};

/** A VideoVector node of the workflows below, at column `x`. */
function videoVectorNode(
	name: string,
	x: number,
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
) {
	const type = `${stack().packageName}.videoVector`;
	return { name, type, typeVersion: 1, position: [x, 0] as [number, number], parameters, ...extra };
}

/** n8n may close a kept-alive socket just as a large POST reuses it (UND_ERR_SOCKET): try once more then. */
async function importOnce(json: WorkflowJson): Promise<Workflow> {
	try {
		return await stack().importWorkflow(json);
	} catch (error) {
		if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
		return stack().importWorkflow(json);
	}
}

describe('operation catalog in the real n8n', () => {
	let fixture: CatalogFixture;
	let bearer: CredentialRef;
	beforeAll(async () => {
		fixture = await createCatalogFixture(stack().emulator);
		const { emulator, client } = stack();
		bearer = await upsertCredential(client, 'VideoVector (catalog, bearer)', {
			authentication: 'bearerToken',
			bearerToken: emulator.bearerToken,
			baseUrl: emulator.baseUrl,
		});
	});

	it('executes every operation with requests the contract allows', async () => {
		const description = nodeDescription('videoVector');
		const operations = catalogOperations(description);
		const reports: OperationReport[] = [];
		for (const phase of [1, 2, 3, 4] as const) {
			const mine = operations.filter((op) => op.phase === phase);
			if (!mine.length) continue;
			const workflow = buildPhaseWorkflow(phase, mine, {
				packageName: stack().packageName,
				description,
				fixture,
				origin: stack().emulator.origin,
				bearerCredential: bearer,
				needsBearer,
				onError: 'continueRegularOutput',
			});
			const saved = await importOnce(workflow.json);
			stack().emulator.control.requests.clear();
			// Phase 4 waits for a run: the clock runs meanwhile (settling every pending timer), so the
			// run finishes while the node polls; earlier phases keep it frozen for their active runs.
			const { clock } = stack().emulator.control;
			const ticker = phase === 4 ? setInterval(() => clock.runAll(), 50) : undefined;
			const execution = await stack()
				.runManually(saved)
				.finally(() => clearInterval(ticker));
			const requests = stack().emulator.control.requests.list() as unknown as RecordedRequest[];
			for (const op of mine)
				reports.push(evaluateOperation(op, execution, requests, workflow.unfilled.get(op.id)));
		}
		mkdirSync(path.dirname(ARTIFACT), { recursive: true });
		writeFileSync(ARTIFACT, `${JSON.stringify(reports, null, 2)}\n`);

		// One entry per operation of the description (the report is grouped by phase).
		expect(reports.map((r) => `${r.resource}.${r.operation}`).sort()).toEqual(
			operations.map((op) => op.id).sort(),
		);
		const failing = reports
			.filter((r) => !r.executed || !r.ok)
			.map((r) => `${r.resource}.${r.operation}: ${r.problems.join(' | ')}`);
		expect(failing).toEqual([]);
	});

	it('opens every "From List" picker of every operation through the editor\'s call', async () => {
		const description = nodeDescription('videoVector');
		const results: PickerResult[] = [];
		const seen = new Set<string>();
		const queue = catalogOperations(description);
		// A few at a time, as an editor with several tabs would: the picker calls are independent reads.
		const worker = async () => {
			for (let op = queue.shift(); op; op = queue.shift()) {
				// Pickers are opened while configuring, against live resources: use the read phase's values.
				const credential = needsBearer(op) ? bearer : stack().credential!;
				results.push(
					...(await openPickers(
						stack(),
						description,
						{ ...op, phase: 1 },
						fixture,
						credential,
						seen,
					)),
				);
			}
		};
		await Promise.all([worker(), worker(), worker(), worker()]);
		expect(results.length).toBeGreaterThan(20);
		expect(results.filter((r) => r.problem).map((r) => `${r.picker}: ${r.problem}`)).toEqual([]);
		// Multi-selects of IDs load from the API too: Media IDs list the media, Run IDs the index's runs.
		const multi = results.filter((r) => r.picker.endsWith('(multi-select)'));
		expect(multi.length).toBeGreaterThan(5);
		const batchMedia = multi.find((r) => r.picker === 'media.batchGet → videoIds (multi-select)');
		expect(batchMedia?.ids).toEqual(expect.arrayContaining(fixture.videoIds));
		const filterRuns = multi.find((r) => r.picker === 'search.filter → runIds (multi-select)');
		expect(filterRuns?.ids).toContain(fixture.runId);
		// The marker picker lists the fixture's kept marker (the throwaway one is deleted by the run above).
		const markerPicker = results.find((r) => r.picker === 'marker.delete → markerId');
		expect(markerPicker?.ids).toContain(fixture.markerId);
		// Media pickers list the chosen index's media, and playground media where no index applies.
		const mediaPickers = results.filter((r) => r.picker.endsWith('→ videoId'));
		const indexed = new Set(fixture.videoIds);
		expect(mediaPickers.length).toBeGreaterThan(5);
		for (const picker of mediaPickers) {
			const inIndex = picker.ids.filter((id) => indexed.has(id));
			if (picker.indexId) expect(inIndex.length, picker.picker).toBeGreaterThan(0);
			else expect(inIndex, picker.picker).toEqual([]);
		}
	});

	it('takes an expression in a multi-select of IDs: an array, or IDs separated by commas', async () => {
		const [first, second] = fixture.videoIds as [string, string];
		const batchGet = (videoIds: string) => ({
			resource: 'media',
			operation: 'batchGet',
			videoIds,
		});
		const workflow = await stack().importWorkflow({
			name: 'Catalog multi-select expressions',
			nodes: [
				START_NODE,
				videoVectorNode('As array', 200, batchGet(`={{ ["${first}", "${second}"] }}`)),
				// One request whatever number of items the first node outputs.
				videoVectorNode('As text', 400, batchGet(`={{ "${first}, " + "${second}" }}`), {
					executeOnce: true,
				}),
			],
			connections: {
				Start: { main: [[{ node: 'As array', type: 'main', index: 0 }]] },
				'As array': { main: [[{ node: 'As text', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		});
		stack().emulator.control.requests.clear();
		const execution = await stack().runManually(workflow);
		expect(execution.status).toBe('success');
		const bodies = (
			stack().emulator.control.requests.list({ method: 'POST' }) as unknown as RecordedRequest[]
		).map((request) => request.body);
		expect(bodies).toEqual([{ video_ids: [first, second] }, { video_ids: [first, second] }]);
	});

	it('puts a failed item on the error output (input JSON merged) or, under "Continue (regular output)", the same item on the main output', async () => {
		const type = `${stack().packageName}.videoVector`;
		const getMissing = {
			resource: 'index',
			operation: 'get',
			indexId: { __rl: true, mode: 'id', value: 'idx_does_not_exist' },
		};
		const workflow = await stack().importWorkflow({
			name: 'Catalog error outputs',
			nodes: [
				START_NODE,
				{
					name: 'One index',
					type,
					typeVersion: 1,
					position: [200, 0],
					parameters: { resource: 'index', operation: 'getAll', returnAll: false, limit: 1 },
					executeOnce: true,
				},
				{
					name: 'Error output',
					type,
					typeVersion: 1,
					position: [400, 0],
					parameters: getMissing,
					onError: 'continueErrorOutput',
				},
				{
					name: 'Regular output',
					type,
					typeVersion: 1,
					position: [400, 200],
					parameters: getMissing,
					onError: 'continueRegularOutput',
				},
			],
			connections: {
				Start: { main: [[{ node: 'One index', type: 'main', index: 0 }]] },
				'One index': {
					main: [
						[
							{ node: 'Error output', type: 'main', index: 0 },
							{ node: 'Regular output', type: 'main', index: 0 },
						],
					],
				},
			},
			settings: { executionOrder: 'v1' },
		});
		const execution = await stack().runManually(workflow);
		const runs = execution.data!.resultData.runData;
		const input = runs['One index']![0]!.data!.main[0]![0]!.json;
		const [success, errors] = runs['Error output']![0]!.data!.main;
		expect(success ?? []).toEqual([]);
		expect(errors).toHaveLength(1);
		const errorItem = errors![0]!.json;
		expect(errorItem).toMatchObject({ ...input, error: expect.stringContaining('not found') });
		expect(errorItem.details).toMatchObject({
			code: 'resource_index_not_found',
			httpStatus: 404,
			requestId: expect.stringMatching(/^req_/),
		});
		const regular = runs['Regular output']![0]!.data!.main[0]!;
		expect(regular).toHaveLength(1);
		// The same item, from its own request.
		expect(regular[0]!.json).toEqual({
			error: errorItem.error,
			details: {
				...(errorItem.details as object),
				requestId: expect.stringMatching(/^req_/),
				description: expect.stringContaining('HTTP 404'),
			},
		});
	});

	it('creates exactly one index when answers are lost, through the node\'s own retries and then "Retry On Fail"', async () => {
		const { emulator } = stack();
		const name = 'Catalog lost answers';
		// 4 lost answers: the first attempt and the node's 3 own retries; n8n's Retry On Fail makes the 5th.
		const rule = emulator.control.faults.add({
			kind: 'lost_answer',
			lostAs: 'bad_gateway',
			method: 'POST',
			path: '/indexes',
			next: 4,
		});
		try {
			const workflow = await stack().importWorkflow({
				name: 'Catalog lost answers',
				nodes: [
					{
						name: 'Start',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						name: 'Create index',
						type: `${stack().packageName}.videoVector`,
						typeVersion: 1,
						position: [200, 0],
						parameters: { resource: 'index', operation: 'create', name },
						retryOnFail: true,
						maxTries: 2,
						waitBetweenTries: 0,
					},
				],
				connections: { Start: { main: [[{ node: 'Create index', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
			});
			emulator.control.requests.clear();
			const execution = await stack().runManually(workflow);
			expect(execution.status).toBe('success');
			const posts = emulator.control.requests.list({
				method: 'POST',
				path: '/indexes',
			}) as unknown as RecordedRequest[];
			expect(posts.length).toBe(5);
			expect(new Set(posts.map((p) => p.headers['idempotency-key'])).size).toBe(1);
			const res = await fetch(`${emulator.baseUrl}/indexes`, {
				headers: { 'x-api-key': emulator.apiKey },
			});
			const indexes = (await res.json()) as Array<{ name: string }>;
			expect(indexes.filter((index) => index.name === name)).toHaveLength(1);
		} finally {
			emulator.control.faults.remove(rule.id);
		}
	});
});
