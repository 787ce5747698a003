import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { videoLevelSchema } from '../../../../shared/contract/schemas/prompts';
import { checkText } from '../../../../shared/n8n/text-check';
import { parseJsonObject } from '../common/json-parameter';

/**
 * The fields of a prompt (docs/api/conventions.md#prompts), written once for Create (required ones at the top, the rest
 * under Options) and Update (all under Update Fields, so only what the user adds is sent).
 */

const JSON_EDITOR = { alwaysOpenEditWindow: true, rows: 8 };

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description: 'Name of the prompt (3–100 characters)',
};

export const promptTextField: INodeProperties = {
	displayName: 'Prompt Text',
	name: 'promptText',
	type: 'string',
	typeOptions: { rows: 6 },
	default: '',
	description: 'Instructions the model follows for every segment (10–5000 characters)',
};

export const jsonSchemaField: INodeProperties = {
	displayName: 'JSON Schema',
	name: 'jsonSchema',
	type: 'json',
	typeOptions: JSON_EDITOR,
	default: '{\n  "type": "object",\n  "properties": {}\n}',
	description: 'JSON Schema of the metadata extracted from each segment',
};

export const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'Free-text description (up to 500 characters); an empty value clears it on update',
};

export const videoLevelField: INodeProperties = {
	displayName: 'Video Level (JSON)',
	name: 'videoLevel',
	type: 'json',
	typeOptions: JSON_EDITOR,
	default:
		'{\n  "instructions_text": "",\n  "included_segment_fields": [],\n  "json_schema": {}\n}',
	description:
		'Media-wide synthesis: object with <code>instructions_text</code>, <code>included_segment_fields</code> (dotted paths into the segment schema, or "transcription") and <code>json_schema</code>',
};

export const semanticIndexingField: INodeProperties = {
	displayName: 'Semantic Indexing (JSON)',
	name: 'semanticIndexing',
	type: 'json',
	typeOptions: JSON_EDITOR,
	default: '{\n  "disabled_segment_fields": [],\n  "disabled_video_level_fields": []\n}',
	description:
		'Fields to leave out of semantic search: object with <code>disabled_segment_fields</code> and <code>disabled_video_level_fields</code>',
};

export const executionConfigField: INodeProperties = {
	displayName: 'Execution Config (JSON)',
	name: 'executionConfig',
	type: 'json',
	typeOptions: JSON_EDITOR,
	default: '{}',
	description:
		'Saved run defaults (segmentation, model, transcription…) applied when a run leaves them unset',
};

export const selectionFilterField: INodeProperties = {
	displayName: 'Selection Filter (JSON)',
	name: 'selectionFilter',
	type: 'json',
	typeOptions: JSON_EDITOR,
	default: '{}',
	description:
		'Conditions that select matching results after a run (the "filtered" results stream)',
};

export const clearVideoLevelField: INodeProperties = {
	displayName: 'Clear Video Level',
	name: 'clearVideoLevel',
	type: 'boolean',
	default: false,
	description: 'Whether to remove the media-wide synthesis from the prompt',
};

export const clearSelectionFilterField: INodeProperties = {
	displayName: 'Clear Selection Filter',
	name: 'clearSelectionFilter',
	type: 'boolean',
	default: false,
	description: 'Whether to remove the saved selection filter from the prompt',
};

const JSON_FIELDS: Record<string, { key: string; label: string }> = {
	jsonSchema: { key: 'json_schema', label: 'JSON Schema' },
	videoLevel: { key: 'video_level', label: 'Video Level' },
	semanticIndexing: { key: 'semantic_indexing', label: 'Semantic Indexing' },
	executionConfig: { key: 'execution_config', label: 'Execution Config' },
	selectionFilter: { key: 'selection_filter', label: 'Selection Filter' },
};

function checkVideoLevel(context: IExecuteFunctions, itemIndex: number, value: IDataObject): void {
	const parsed = videoLevelSchema.safeParse(value);
	if (parsed.success) return;
	const problems = parsed.error.issues.map(
		(issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
	);
	throw new NodeOperationError(
		context.getNode(),
		`Video Level is not valid: ${problems.join('; ')}`,
		{
			itemIndex,
			description:
				'Expected {"instructions_text": "...", "included_segment_fields": ["scene.location"], "json_schema": {...}}',
		},
	);
}

/**
 * Maps the prompt fields present in `fields` to the API body, checking lengths and JSON before any
 * request. A field absent from `fields` stays absent from the body (partial update, docs/api/conventions.md#prompts).
 */
export function promptBody(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
): IDataObject {
	const body: IDataObject = {};
	if (fields.name !== undefined)
		body.name = checkText(context, itemIndex, fields.name, 'Name', { min: 3, max: 100 });
	if (fields.promptText !== undefined) {
		body.prompt_text = checkText(context, itemIndex, fields.promptText, 'Prompt Text', {
			min: 10,
			max: 5000,
		});
	}
	if (fields.description !== undefined) {
		body.description = checkText(context, itemIndex, fields.description, 'Description', {
			max: 500,
		});
	}
	for (const [name, { key, label }] of Object.entries(JSON_FIELDS)) {
		if (fields[name] === undefined) continue;
		const value = parseJsonObject(context, itemIndex, fields[name], label);
		if (value === undefined)
			throw new NodeOperationError(context.getNode(), `${label} is empty`, { itemIndex });
		if (name === 'videoLevel') checkVideoLevel(context, itemIndex, value);
		body[key] = value;
	}
	if (fields.clearVideoLevel === true) body.clear_video_level = true;
	if (fields.clearSelectionFilter === true) body.clear_selection_filter = true;
	if (body.clear_video_level && body.video_level) {
		throw new NodeOperationError(
			context.getNode(),
			'Set either Video Level or Clear Video Level, not both',
			{ itemIndex },
		);
	}
	if (body.clear_selection_filter && body.selection_filter) {
		throw new NodeOperationError(
			context.getNode(),
			'Set either Selection Filter or Clear Selection Filter, not both',
			{
				itemIndex,
			},
		);
	}
	return body;
}
