import { describe, expect, it } from 'vitest';

import { runNode, TEST_API_KEY } from '../../support/run-node';
import { byId, route } from '../../support/node-fixtures';

const SCHEMA = { type: 'object', properties: { mood: { type: 'string' } } };
const VIDEO_LEVEL = {
	instructions_text: 'Summarise the video',
	included_segment_fields: ['mood'],
	json_schema: SCHEMA,
};

const ok =
	(body: unknown = {}) =>
	() => ({ body });

describe('Prompt: create', () => {
	const base = {
		resource: 'prompt',
		operation: 'create',
		name: 'Moods',
		promptText: 'Describe the mood of the scene',
		jsonSchema: JSON.stringify(SCHEMA),
	};

	it('sends the parsed JSON fields and options with an Idempotency-Key, and returns the prompt', async () => {
		const { requests, output } = await runNode({
			parameters: {
				...base,
				options: {
					description: 'Scene moods',
					videoLevel: JSON.stringify(VIDEO_LEVEL),
					executionConfig: { video_segmentation_type: 'fixed' },
				},
			},
			respond: () => ({ statusCode: 201, body: { prompt_id: 'prompt_1', name: 'Moods' } }),
		});
		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('POST');
		expect(route(requests[0].url)).toBe('/prompts');
		expect(requests[0].body).toEqual({
			name: 'Moods',
			prompt_text: 'Describe the mood of the scene',
			json_schema: SCHEMA,
			description: 'Scene moods',
			video_level: VIDEO_LEVEL,
			execution_config: { video_segmentation_type: 'fixed' },
		});
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		expect(requests[0].headers['x-api-key']).toBe(TEST_API_KEY);
		expect(output).toEqual([
			{ json: { prompt_id: 'prompt_1', name: 'Moods' }, pairedItem: { item: 0 } },
		]);
	});

	it.each([
		['broken JSON schema', { jsonSchema: '{"type": "object",' }, /JSON Schema is not valid JSON/],
		['a JSON array as schema', { jsonSchema: '[1, 2]' }, /JSON Schema must be a JSON object/],
		['an empty schema', { jsonSchema: '' }, /JSON Schema is empty/],
		['a short name', { name: 'ab' }, /Name must be at least 3 characters/],
		[
			'a short prompt text',
			{ promptText: 'too short' },
			/Prompt Text must be at least 10 characters/,
		],
		[
			'broken video level JSON',
			{ options: { videoLevel: '{nope' } },
			/Video Level is not valid JSON/,
		],
		[
			'a video level without its required keys',
			{ options: { videoLevel: '{"instructions_text": "x"}' } },
			/Video Level is not valid: included_segment_fields/,
		],
	])('refuses %s before any request', async (_case, override, message) => {
		const requests: unknown[] = [];
		const run = runNode({
			parameters: { options: {}, ...base, ...override },
			respond: (r) => void requests.push(r),
		});
		await expect(run).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});
});

describe('Prompt: read operations', () => {
	it('list passes both flags, returns one item per prompt and trims to the limit', async () => {
		const prompts = [{ prompt_id: 'p1' }, { prompt_id: 'p2' }, { prompt_id: 'p3' }];
		const { requests, output } = await runNode({
			parameters: {
				resource: 'prompt',
				operation: 'getAll',
				options: { includeInactive: true, includeDefaults: true },
				returnAll: false,
				limit: 2,
			},
			respond: ok({ prompts, total_count: 3, active_count: 2 }),
		});
		expect(route(requests[0].url)).toBe('/prompts?active_only=false&include_defaults=true');
		expect(output.map((item) => item.json.prompt_id)).toEqual(['p1', 'p2']);
	});

	it('get and get usage address the prompt by its encoded id', async () => {
		const get = await runNode({
			parameters: { resource: 'prompt', operation: 'get', promptId: byId('prompt/1') },
			respond: ok({ prompt_id: 'prompt/1' }),
		});
		expect(get.requests[0].method).toBe('GET');
		expect(route(get.requests[0].url)).toBe('/prompts/prompt%2F1');
		expect(get.output[0].json).toEqual({ prompt_id: 'prompt/1' });

		const usage = await runNode({
			parameters: { resource: 'prompt', operation: 'getUsage', promptId: byId('p1') },
			respond: ok({ is_in_use: true }),
		});
		expect(route(usage.requests[0].url)).toBe('/prompts/p1/usage');
		expect(usage.output[0].json).toEqual({ is_in_use: true });
	});

	it('test schema sends the schema and the sample data as objects', async () => {
		const { requests, output } = await runNode({
			parameters: {
				resource: 'prompt',
				operation: 'testSchema',
				jsonSchema: JSON.stringify(SCHEMA),
				sampleData: '{"mood": "calm"}',
			},
			respond: ok({ valid: true, validated_data: { mood: 'calm' } }),
		});
		expect(requests[0].method).toBe('POST');
		expect(route(requests[0].url)).toBe('/prompts/test-schema');
		expect(requests[0].body).toEqual({ json_schema: SCHEMA, sample_data: { mood: 'calm' } });
		expect(requests[0].headers['idempotency-key']).toBeUndefined();
		expect(output[0].json.valid).toBe(true);
	});

	it('test schema refuses missing sample data before any request', async () => {
		const requests: unknown[] = [];
		const run = runNode({
			parameters: {
				resource: 'prompt',
				operation: 'testSchema',
				jsonSchema: JSON.stringify(SCHEMA),
				sampleData: '',
			},
			respond: (r) => void requests.push(r),
		});
		await expect(run).rejects.toThrow(/Sample Data is required/);
		expect(requests).toHaveLength(0);
	});
});

describe('Prompt: update', () => {
	const update = (updateFields: object) => ({
		resource: 'prompt',
		operation: 'update',
		promptId: byId('p1'),
		updateFields,
	});

	it('sends only the fields that were added, with PUT', async () => {
		const { requests } = await runNode({
			parameters: update({ description: '', clearVideoLevel: true }),
			respond: ok({ prompt_id: 'p1' }),
		});
		expect(requests[0].method).toBe('PUT');
		expect(route(requests[0].url)).toBe('/prompts/p1');
		expect(requests[0].body).toEqual({ description: '', clear_video_level: true });
	});

	it('parses JSON fields and leaves a false clear switch out', async () => {
		const { requests } = await runNode({
			parameters: update({
				jsonSchema: JSON.stringify(SCHEMA),
				selectionFilter: { conditions: [] },
				clearSelectionFilter: false,
			}),
			respond: ok(),
		});
		expect(requests[0].body).toEqual({ json_schema: SCHEMA, selection_filter: { conditions: [] } });
	});

	it.each([
		['nothing to update', {}, /Add at least one field to update/],
		[
			'a value and its clear switch together',
			{ videoLevel: JSON.stringify(VIDEO_LEVEL), clearVideoLevel: true },
			/either Video Level or Clear Video Level/,
		],
		['invalid JSON', { executionConfig: '{"a":' }, /Execution Config is not valid JSON/],
	])('refuses %s before any request', async (_case, fields, message) => {
		const requests: unknown[] = [];
		await expect(
			runNode({ parameters: update(fields), respond: (r) => void requests.push(r) }),
		).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});
});

describe('Prompt: delete', () => {
	it('sends force=true only when Force is on', async () => {
		const forced = await runNode({
			parameters: { resource: 'prompt', operation: 'delete', promptId: byId('p1'), force: true },
			respond: ok({ message: 'deleted' }),
		});
		expect(forced.requests[0].method).toBe('DELETE');
		expect(route(forced.requests[0].url)).toBe('/prompts/p1?force=true');
		expect(forced.output[0].json).toEqual({ deleted: true, id: 'p1' });

		const plain = await runNode({
			parameters: { resource: 'prompt', operation: 'delete', promptId: byId('p1'), force: false },
			respond: ok({ message: 'deleted' }),
		});
		expect(route(plain.requests[0].url)).toBe('/prompts/p1');
	});

	it('a 409 for a prompt in use points at the Force switch', async () => {
		const run = runNode({
			parameters: { resource: 'prompt', operation: 'delete', promptId: byId('p1'), force: false },
			respond: () => ({
				statusCode: 409,
				body: { error: { code: 'conflict_state', message: 'Prompt is used by 2 runs' } },
			}),
		});
		const error = (await run.catch((e: unknown) => e)) as {
			message: string;
			description: string;
			httpCode: string;
		};
		expect(error.httpCode).toBe('409');
		expect(error.message).toContain('Prompt is used by 2 runs');
		expect(error.description).toContain('turn on Force');
	});
});

describe('Prompt: generate from instruction', () => {
	it('posts the instruction to /workflow/define with a stable key, keeping the answer', async () => {
		const params = {
			resource: 'prompt',
			operation: 'generate',
			instruction: 'Find people and emotions',
			save: false,
			options: {},
		};
		const answer = {
			statusCode: 201,
			body: { prompt_id: null, saved: false, definition: { name: 'People' } },
		};
		const first = await runNode({ parameters: params, executionId: 'e1', respond: () => answer });
		const again = await runNode({ parameters: params, executionId: 'e1', respond: () => answer });
		expect(first.requests[0].method).toBe('POST');
		expect(route(first.requests[0].url)).toBe('/workflow/define');
		expect(first.requests[0].body).toEqual({
			instruction: 'Find people and emotions',
			save: false,
		});
		expect(first.requests[0].headers['idempotency-key']).toBe(
			again.requests[0].headers['idempotency-key'],
		);
		expect(first.output[0].json).toEqual(answer.body);
	});

	it('refuses an empty instruction before any request', async () => {
		const requests: unknown[] = [];
		const run = runNode({
			parameters: {
				resource: 'prompt',
				operation: 'generate',
				instruction: '  ',
				save: true,
				options: {},
			},
			respond: (r) => void requests.push(r),
		});
		await expect(run).rejects.toThrow(/Instruction is required/);
		expect(requests).toHaveLength(0);
	});
});
