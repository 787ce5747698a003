import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { conflict, invalid } from '../core/errors.js';
import { checkAgainstSchema, isObjectSchema } from '../core/json-schema.js';
import { created, ok } from '../core/reply.js';
import { route } from '../core/route.js';
import type { JsonObject, PromptRec } from '../core/types.js';
import { Fields, isRecord } from '../core/validation.js';
import { schemaFieldPaths } from '../sim/schema-values.js';
import { deleted, findPrompt } from './lookups.js';

/** Prompts (docs/api/conventions.md#prompts). */

export function renderPrompt(prompt: PromptRec): JsonObject {
	const view: JsonObject = {
		prompt_id: prompt.prompt_id,
		user_id: prompt.user_id,
		name: prompt.name,
		description: prompt.description,
		prompt_text: prompt.prompt_text,
		json_schema: prompt.json_schema,
		video_level: prompt.video_level,
		semantic_indexing: prompt.semantic_indexing,
		is_active: prompt.is_active,
		created_at: prompt.created_at,
		updated_at: prompt.updated_at,
	};
	if (prompt.execution_config) view.execution_config = prompt.execution_config;
	if (prompt.selection_filter) view.selection_filter = prompt.selection_filter;
	return view;
}

function schemaField(f: Fields, key: string, at = key): JsonObject {
	const schema = f.object(key);
	if (!isObjectSchema(schema))
		throw invalid(at, 'must be a JSON Schema describing an object (type "object" with properties)');
	return schema;
}

function parseVideoLevel(raw: unknown): PromptRec['video_level'] {
	if (!isRecord(raw)) throw invalid('video_level', 'must be an object');
	const f = new Fields(raw, 'video_level');
	return {
		instructions_text: f.str('instructions_text', { min: 1, max: 5000 }),
		included_segment_fields: f.strArray('included_segment_fields', { min: 1 }),
		json_schema: schemaField(f, 'json_schema', 'video_level.json_schema'),
	};
}

function parseSemanticIndexing(raw: unknown): PromptRec['semantic_indexing'] {
	if (!isRecord(raw)) throw invalid('semantic_indexing', 'must be an object');
	const f = new Fields(raw, 'semantic_indexing');
	return {
		disabled_segment_fields: f.optStrArray('disabled_segment_fields') ?? [],
		disabled_video_level_fields: f.optStrArray('disabled_video_level_fields') ?? [],
	};
}

/** Fields shared by create and update; `partial` makes everything optional. */
function applyPromptFields(prompt: PromptRec, body: unknown, partial: boolean): void {
	const f = Fields.body(body);
	const text = (key: string, min: number, max: number) =>
		partial ? f.optStr(key, { min, max }) : f.str(key, { min, max });
	const name = text('name', 3, 100);
	if (name !== undefined) prompt.name = name;
	const promptText = text('prompt_text', 10, 5000);
	if (promptText !== undefined) prompt.prompt_text = promptText;
	if (!partial || f.has('json_schema')) prompt.json_schema = schemaField(f, 'json_schema');
	const description = f.optStr('description', { max: 500 });
	if (description !== undefined) prompt.description = description;
	if (f.has('video_level')) prompt.video_level = parseVideoLevel(f.raw('video_level'));
	if (f.has('semantic_indexing'))
		prompt.semantic_indexing = parseSemanticIndexing(f.raw('semantic_indexing'));
	if (f.has('execution_config')) prompt.execution_config = f.object('execution_config');
	if (f.has('selection_filter')) prompt.selection_filter = f.object('selection_filter');
	const active = f.optBool('is_active');
	if (active !== undefined) prompt.is_active = active;
	if (partial) {
		if (f.optBool('clear_video_level')) prompt.video_level = null;
		if (f.optBool('clear_selection_filter')) prompt.selection_filter = null;
	}
}

export function createPrompt(emu: Emulator, body: unknown): PromptRec {
	const now = emu.nowIso();
	const prompt: PromptRec = {
		prompt_id: emu.ids.next('prompt'),
		user_id: emu.userId,
		name: '',
		description: '',
		prompt_text: '',
		json_schema: {},
		video_level: null,
		semantic_indexing: { disabled_segment_fields: [], disabled_video_level_fields: [] },
		execution_config: null,
		selection_filter: null,
		is_active: true,
		created_at: now,
		updated_at: now,
	};
	applyPromptFields(prompt, body, false);
	emu.store.prompts.set(prompt.prompt_id, prompt);
	return prompt;
}

function isInUse(emu: Emulator, promptId: string): boolean {
	return emu.store.runs.values().some((run) => run.prompt_id === promptId);
}

export function registerPromptRoutes(router: Router, emu: Emulator): void {
	route(
		router,
		emu,
		{ method: 'POST', path: '/prompts/test-schema', scope: 'write', idempotency: false },
		({ body }) => {
			const f = Fields.body(body);
			const schema = f.object('json_schema');
			const sample = f.object('sample_data');
			const violation = checkAgainstSchema(schema, sample);
			return ok(
				violation
					? {
							valid: false,
							validated_data: null,
							error: `${violation.path}: ${violation.message}`,
							message: 'Sample data does not match the schema',
						}
					: {
							valid: true,
							validated_data: sample,
							error: null,
							message: 'Sample data matches the schema',
						},
			);
		},
	);

	route(router, emu, { method: 'POST', path: '/prompts', scope: 'write' }, ({ body }) =>
		created(renderPrompt(createPrompt(emu, body))),
	);

	route(router, emu, { method: 'GET', path: '/prompts', scope: 'read' }, ({ query }) => {
		const activeOnly = query.bool('active_only', true);
		query.optBool('include_defaults');
		const all = emu.store.prompts.values();
		const prompts = all.filter((p) => !activeOnly || p.is_active);
		return ok({
			prompts: prompts.map(renderPrompt),
			total_count: all.length,
			active_count: all.filter((p) => p.is_active).length,
		});
	});

	route(router, emu, { method: 'GET', path: '/prompts/:prompt_id', scope: 'read' }, ({ params }) =>
		ok(renderPrompt(findPrompt(emu, params.prompt_id as string))),
	);

	route(
		router,
		emu,
		{ method: 'PUT', path: '/prompts/:prompt_id', scope: 'write' },
		({ params, body }) => {
			const prompt = findPrompt(emu, params.prompt_id as string);
			const draft: PromptRec = structuredClone(prompt);
			applyPromptFields(draft, body, true);
			Object.assign(prompt, draft, { updated_at: emu.nowIso() });
			return ok(renderPrompt(prompt));
		},
	);

	route(
		router,
		emu,
		{ method: 'DELETE', path: '/prompts/:prompt_id', scope: 'admin' },
		({ params, query }) => {
			const prompt = findPrompt(emu, params.prompt_id as string);
			if (isInUse(emu, prompt.prompt_id) && !query.bool('force', false)) {
				throw conflict('The prompt is used by prompt runs; pass force=true to delete it anyway', {
					prompt_id: prompt.prompt_id,
				});
			}
			emu.store.prompts.delete(prompt.prompt_id);
			return ok(deleted('Prompt'));
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/prompts/:prompt_id/usage', scope: 'read' },
		({ params }) => {
			const prompt = findPrompt(emu, params.prompt_id as string);
			return ok({
				prompt_id: prompt.prompt_id,
				name: prompt.name,
				is_active: prompt.is_active,
				is_in_use: isInUse(emu, prompt.prompt_id),
				created_at: prompt.created_at,
				schema_properties_count: schemaFieldPaths(prompt.json_schema).length,
			});
		},
	);
}
