import type { IDataObject } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionalText, requiredText } from '../common/required-text';
import { defineOperation } from '../operation';
import { MARKER_TARGET_TYPES } from './marker-target';

export const upsert = defineOperation({
	value: 'upsert',
	name: 'Create or Update',
	action: 'Create or update a marker',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	endpoints: ['markers.upsert'],
	properties: [
		{
			displayName: 'Target Type',
			name: 'targetType',
			type: 'options',
			options: MARKER_TARGET_TYPES,
			default: 'prompt_run',
			description: 'What the marker is attached to',
		},
		{
			displayName: 'Target ID',
			name: 'targetId',
			type: 'string',
			required: true,
			default: '',
			description: 'ID of the prompt or prompt run (for a field: the prompt run that extracted it)',
		},
		{
			displayName: 'Field Path',
			name: 'fieldPath',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. scene.objects',
			description: 'Path of the extracted field, as shown in the metadata markers of a result',
			displayOptions: { show: { targetType: ['field'] } },
		},
		{
			displayName: 'Color',
			name: 'color',
			type: 'color',
			default: '',
			description: 'Marker colour. Empty: no colour.',
		},
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: 'Free-text note on the target',
		},
	],
	async execute(itemIndex, session) {
		const targetType = this.getNodeParameter('targetType', itemIndex, 'prompt_run') as string;
		const body: IDataObject = {
			target_type: targetType,
			target_id: requiredText(this, itemIndex, 'targetId', 'Target ID'),
		};
		if (targetType === 'field')
			body.field_path = requiredText(this, itemIndex, 'fieldPath', 'Field Path');
		const color = optionalText(
			this,
			itemIndex,
			this.getNodeParameter('color', itemIndex, ''),
			'Color',
		);
		const note = optionalText(
			this,
			itemIndex,
			this.getNodeParameter('note', itemIndex, ''),
			'Note',
		);
		if (color) body.color = color;
		if (note) body.note = note;
		// PUT is an upsert keyed on the target: idempotent by method, so no Idempotency-Key is needed.
		return await callEndpoint(session, 'markers.upsert', { body });
	},
});
