import type { INodePropertyOptions } from 'n8n-workflow';

/** What a marker can be attached to (docs/api/conventions.md#markers, inferred there). */
export const MARKER_TARGET_TYPES: INodePropertyOptions[] = [
	{
		name: 'Extracted Field',
		value: 'field',
		description: 'A field extracted by a prompt run (needs Field Path)',
	},
	{ name: 'Prompt', value: 'prompt', description: 'A prompt' },
	{ name: 'Prompt Run', value: 'prompt_run', description: 'A prompt run' },
];
