/**
 * #17 Simplify: which operations offer it and why (more than ten output fields, measured against
 * the contract's zod schemas and the emulator's answers), its default on the node (off) and on the
 * AI-tool variant (on), what the simplified items keep, and what it leaves alone (error items,
 * binary data, lists, results of Run and Get Results).
 */
import type { IDataObject, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ZodTypeAny } from 'zod/v3';

import { startEmulator, type RunningEmulator } from '../../emulator/app';
import { ItemsResult } from '../../nodes/VideoVector/actions/operation';
import { findOperation } from '../../nodes/VideoVector/actions/resource';
import { RESOURCES } from '../../nodes/VideoVector/actions/resources';
import * as shapes from '../../nodes/VideoVector/actions/simplified-outputs';
import { simplifyItem, simplifyResult } from '../../nodes/VideoVector/actions/simplify';
import { VideoVector } from '../../nodes/VideoVector/VideoVector.node';
import { connectorSchema } from '../../shared/contract/schemas/connectors';
import { exportSchema } from '../../shared/contract/schemas/exports';
import { importJobSchema } from '../../shared/contract/schemas/import-jobs';
import {
	promptRunSchema,
	promptRunVideoResultSchema,
	segmentRunResultSchema,
} from '../../shared/contract/schemas/prompt-runs';
import { promptSchema } from '../../shared/contract/schemas/prompts';
import { multimodalSearchResultSchema } from '../../shared/contract/schemas/search';
import { segmentSchema } from '../../shared/contract/schemas/segments';
import { videoSchema } from '../../shared/contract/schemas/videos';
import {
	webhookDeliverySchema,
	webhookWithSecretSchema,
} from '../../shared/contract/schemas/webhooks';
import { emulatorCredentials } from '../support/emulator-run';
import { byId } from '../support/node-fixtures';
import { runNode } from '../support/run-node';

const { SIMPLIFIED_OUTPUTS } = shapes;
const description = new VideoVector().description;
const toolDescription: INodeTypeDescription = { ...description, name: `${description.name}Tool` };
const TOOL_TYPE = 'n8n-nodes-videovector.videoVectorTool';

/** Whether every key is one of the listed fields. */
const only = (keys: string[], list: readonly string[]) => keys.every((key) => list.includes(key));

/** The declared top-level fields of a zod object schema (passthrough objects included). */
function declaredFields(schema: ZodTypeAny): string[] {
	const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
	if (!shape) throw new Error('not an object schema');
	return Object.keys(shape);
}

/**
 * Each kept list, the schemas of the answers it applies to, and the fields it keeps that no schema
 * declares, with the reason.
 */
const SHAPES: Array<{
	name: string;
	fields: readonly string[];
	schemas: ZodTypeAny[];
	extras?: string[];
}> = [
	// `index_id` is sent by the emulator (and the deployed API; docs/api/conventions.md#media-item-model) though not in the contract's model.
	{ name: 'MEDIA', fields: shapes.MEDIA, schemas: [videoSchema], extras: ['index_id'] },
	{ name: 'SEGMENT', fields: shapes.SEGMENT, schemas: [segmentSchema] },
	{ name: 'PROMPT_RUN', fields: shapes.PROMPT_RUN, schemas: [promptRunSchema] },
	// `result_view` is added by the node: which result stream an item came from.
	{
		name: 'RUN_RESULT',
		fields: shapes.RUN_RESULT,
		schemas: [segmentRunResultSchema, promptRunVideoResultSchema],
		extras: ['result_view'],
	},
	{
		name: 'SEARCH_RESULT',
		fields: shapes.SEARCH_RESULT,
		schemas: [multimodalSearchResultSchema],
	},
	{ name: 'EXPORT', fields: shapes.EXPORT, schemas: [exportSchema] },
	{ name: 'IMPORT_JOB', fields: shapes.IMPORT_JOB, schemas: [importJobSchema] },
	{ name: 'WEBHOOK', fields: shapes.WEBHOOK, schemas: [webhookWithSecretSchema] },
	{ name: 'WEBHOOK_DELIVERY', fields: shapes.WEBHOOK_DELIVERY, schemas: [webhookDeliverySchema] },
	{ name: 'CONNECTOR', fields: shapes.CONNECTOR, schemas: [connectorSchema] },
	{ name: 'PROMPT', fields: shapes.PROMPT, schemas: [promptSchema] },
];

describe('which operations get Simplify, and what it keeps', () => {
	it('every entry names an existing operation, and every kept list is one of the shapes', () => {
		const lists = new Set(SHAPES.map((shape) => shape.fields));
		for (const [key, fields] of Object.entries(SIMPLIFIED_OUTPUTS)) {
			const [resource, operation] = key.split('.');
			expect(findOperation(RESOURCES, resource, operation), key).toBeDefined();
			expect(lists.has(fields), key).toBe(true);
		}
		expect(Object.keys(SIMPLIFIED_OUTPUTS)).toHaveLength(46);
	});

	it.each(SHAPES)(
		'$name: the answer has more than ten fields; the list keeps fewer, all of them real',
		({ fields, schemas, extras = [] }) => {
			const declared = new Set(schemas.flatMap(declaredFields));
			for (const schema of schemas) expect(declaredFields(schema).length).toBeGreaterThan(10);
			expect(fields.length).toBeLessThan(declared.size);
			expect(new Set(fields).size).toBe(fields.length);
			const unknown = fields.filter((field) => !declared.has(field));
			expect(unknown.sort()).toEqual([...extras].sort());
		},
	);

	it('every list keeps the id a following node chains on', () => {
		const ids: Record<string, string> = {
			MEDIA: 'video_id',
			SEGMENT: 'segment_id',
			PROMPT_RUN: 'run_id',
			RUN_RESULT: 'run_id',
			SEARCH_RESULT: 'video_id',
			EXPORT: 'export_id',
			IMPORT_JOB: 'job_id',
			WEBHOOK: 'webhook_id',
			WEBHOOK_DELIVERY: 'delivery_id',
			CONNECTOR: 'connector_id',
			PROMPT: 'prompt_id',
		};
		for (const shape of SHAPES) expect(shape.fields, shape.name).toContain(ids[shape.name]);
	});
});

describe('the Simplify parameter', () => {
	const simplifyParameters = description.properties.filter((p) => p.name === 'simplify');
	const shown = (
		type: INodeTypeDescription,
		property: INodeProperties,
		values: Record<string, unknown>,
	) => NodeHelpers.displayParameter(values as never, property, { typeVersion: 1 }, type);

	it('is shown on exactly the listed operations, once on the node and once on the tool', () => {
		for (const resource of RESOURCES) {
			for (const operation of resource.operations) {
				const values = { resource: resource.value, operation: operation.value };
				const listed = `${resource.value}.${operation.value}` in SIMPLIFIED_OUTPUTS;
				for (const type of [description, toolDescription]) {
					const visible = simplifyParameters.filter((p) => shown(type, p, values));
					expect(visible.length, `${values.resource}.${values.operation}`).toBe(listed ? 1 : 0);
				}
			}
		}
	});

	it("uses n8n's name, label and description for it", () => {
		for (const property of simplifyParameters) {
			expect(property).toMatchObject({
				displayName: 'Simplify',
				type: 'boolean',
				description:
					'Whether to return a simplified version of the response instead of the raw data',
			});
		}
	});

	it('n8n fills it in off on the node and on on the tool variant; a stored value wins', () => {
		const fill = (type: INodeTypeDescription, parameters: Record<string, unknown>) =>
			NodeHelpers.getNodeParameters(
				type.properties,
				{ resource: 'media', operation: 'get', ...parameters } as never,
				true,
				false,
				{ typeVersion: 1 } as never,
				type,
			)?.simplify;
		expect(fill(description, {})).toBe(false);
		expect(fill(toolDescription, {})).toBe(true);
		expect(fill(toolDescription, { simplify: false })).toBe(false);
		expect(fill(description, { simplify: true })).toBe(true);
	});

	it('sits before the Filters or Options collection, after Return All and Limit', () => {
		const names = (operation: string) =>
			description.properties
				.filter((p) => shown(description, p, { resource: 'importJob', operation }))
				.map((p) => p.name);
		const list = names('getAll');
		expect(list.indexOf('simplify')).toBeGreaterThan(list.indexOf('limit'));
		expect(list.indexOf('simplify')).toBe(list.indexOf('filters') - 1);
		const create = names('create');
		expect(create.indexOf('simplify')).toBe(create.indexOf('options') - 1);
	});
});

describe('simplified items', () => {
	const fields = ['id', 'name', 'status'];

	it('keep the listed fields in the list order and leave out absent ones', () => {
		const item = { status: 'done', extra: 1, name: 'n', id: 'x', nested: { a: 1 } };
		const simplified = simplifyItem(item, fields);
		expect(Object.keys(simplified)).toEqual(['id', 'name', 'status']);
		expect(simplifyItem({ id: 'x', name: null }, fields)).toEqual({ id: 'x', name: null });
	});

	it('leave an item carrying an error whole', () => {
		const failed: IDataObject = { id: 'x', status: 'failed', error: 'Prompt run x failed', n: 1 };
		expect(simplifyItem(failed, fields)).toBe(failed);
	});

	it('apply to every item of a list and keep binary data of ready-made items', () => {
		expect(simplifyResult([{ id: 'a', x: 1 }, { id: 'b' }], fields)).toEqual([
			{ id: 'a' },
			{ id: 'b' },
		]);
		const binary = { data: { data: 'AA==', mimeType: 'image/gif' } };
		const result = simplifyResult(new ItemsResult([{ json: { id: 'a', x: 1 }, binary }]), fields);
		expect(result).toBeInstanceOf(ItemsResult);
		expect((result as ItemsResult).items).toEqual([{ json: { id: 'a' }, binary }]);
	});
});

describe('Simplify over real HTTP against the emulator', () => {
	let emulator: RunningEmulator;
	let seeded: { index_id: string; prompt_id: string; run_id: string; video_ids: string[] };

	beforeAll(async () => {
		emulator = await startEmulator({ seed: 'empty', randomSeed: 'simplify-tests' });
	});
	afterAll(async () => await emulator?.close());
	beforeEach(() => {
		emulator.control.reset('empty');
		seeded = emulator.control.seed.index({
			media: 3,
			segmentsPerMedia: 2,
			run: true,
			failureRate: 0,
		}) as typeof seeded;
	});

	const run = (
		parameters: Record<string, unknown>,
		extra: { tool?: boolean; continueOnFail?: boolean } = {},
	) =>
		runNode({
			parameters,
			credentials: emulatorCredentials(emulator),
			continueOnFail: extra.continueOnFail,
			node: extra.tool ? { type: TOOL_TYPE } : undefined,
		});
	const keysOf = async (
		parameters: Record<string, unknown>,
		extra: { tool?: boolean; continueOnFail?: boolean } = {},
	) => (await run(parameters, extra)).output.map((item) => Object.keys(item.json));

	it.each([
		['media.get', { resource: 'media', operation: 'get' }, shapes.MEDIA],
		['promptRun.get', { resource: 'promptRun', operation: 'get' }, shapes.PROMPT_RUN],
		['prompt.get', { resource: 'prompt', operation: 'get' }, shapes.PROMPT],
		['media.getSegments', { resource: 'media', operation: 'getSegments' }, shapes.SEGMENT],
	])(
		'%s: more than ten fields raw; only listed fields, with the id, simplified',
		async (_, op, list) => {
			const parameters = {
				...op,
				videoId: byId(seeded.video_ids[0]),
				runId: byId(seeded.run_id),
				promptId: byId(seeded.prompt_id),
				returnAll: true,
				options: {},
			};
			const [raw] = await keysOf(parameters);
			expect(raw.length).toBeGreaterThan(10);
			const [simplified] = await keysOf({ ...parameters, simplify: true });
			expect(simplified.length).toBeLessThan(raw.length);
			expect(only(simplified, list)).toBe(true);
			expect(simplified).toContain(list[0]);
		},
	);

	it('simplifies every item of Return All and of a limited list alike', async () => {
		const all = { resource: 'media', operation: 'getAll', indexId: byId(seeded.index_id) };
		const many = await keysOf({ ...all, returnAll: true, simplify: true, options: {} });
		expect(many).toHaveLength(3);
		for (const keys of many) expect(only(keys, shapes.MEDIA)).toBe(true);
		const limited = await keysOf({ ...all, returnAll: false, limit: 2, simplify: true });
		expect(limited).toHaveLength(2);
		expect(limited[0]).toEqual(many[0]);
	});

	it('simplifies each result of Get Run Results and keeps the stream it came from', async () => {
		const { output } = await run({
			resource: 'promptRun',
			operation: 'getRunResults',
			runId: byId(seeded.run_id),
			view: 'unfiltered',
			resultLevel: 'segment',
			returnAll: true,
			simplify: true,
			options: {},
		});
		expect(output).toHaveLength(6);
		for (const { json } of output) {
			expect(only(Object.keys(json), shapes.RUN_RESULT)).toBe(true);
			expect(json).toMatchObject({ run_id: seeded.run_id, result_view: 'unfiltered' });
			expect(json.segment_id).toEqual(expect.any(String));
		}
	});

	it('is on by default when the node runs as an AI tool, unless the author turned it off', async () => {
		const get = { resource: 'promptRun', operation: 'get', runId: byId(seeded.run_id) };
		const [asTool] = await keysOf(get, { tool: true });
		expect(only(asTool, shapes.PROMPT_RUN)).toBe(true);
		const [plain] = await keysOf(get);
		expect(plain.length).toBeGreaterThan(10);
		const [toolOff] = await keysOf({ ...get, simplify: false }, { tool: true });
		expect(toolOff).toEqual(plain);
	});

	it('leaves the error item of a failed item unchanged under Continue On Fail', async () => {
		const { output } = await run(
			{ resource: 'media', operation: 'get', videoId: byId('vid_missing'), simplify: true },
			{ continueOnFail: true },
		);
		expect(output).toHaveLength(1);
		expect(Object.keys(output[0].json).sort()).toEqual(['details', 'error']);
		expect(output[0].json.details).toMatchObject({ httpStatus: 404 });
	});

	it('does not touch operations without Simplify', async () => {
		const { output } = await run({
			resource: 'index',
			operation: 'get',
			indexId: byId(seeded.index_id),
			simplify: true,
		});
		expect(output[0].json).toMatchObject({ index_id: seeded.index_id, name: expect.any(String) });
		expect(Object.keys(output[0].json)).toContain('created_at');
	});
});
