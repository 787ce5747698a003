import type { IDataObject } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { defineOperation } from '../operation';
import {
	descriptionField,
	executionConfigField,
	jsonSchemaField,
	nameField,
	promptBody,
	promptTextField,
	selectionFilterField,
	semanticIndexingField,
	videoLevelField,
} from './prompt-fields';

export const create = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a prompt',
	description:
		'Create a prompt: the instructions and JSON Schema that define what a prompt run extracts from each media segment',
	endpoints: ['prompts.create'],
	properties: [
		{ ...nameField, required: true },
		{ ...promptTextField, required: true },
		{ ...jsonSchemaField, required: true },
		optionsWithIdempotencyKey([
			descriptionField,
			executionConfigField,
			selectionFilterField,
			semanticIndexingField,
			videoLevelField,
		]),
	],
	async execute(itemIndex, session) {
		const { idempotencyKey: _key, ...options } = this.getNodeParameter(
			'options',
			itemIndex,
			{},
		) as IDataObject;
		const body = promptBody(this, itemIndex, {
			...options,
			name: this.getNodeParameter('name', itemIndex, ''),
			promptText: this.getNodeParameter('promptText', itemIndex, ''),
			jsonSchema: this.getNodeParameter('jsonSchema', itemIndex, ''),
		} as IDataObject);
		return await callEndpoint(session, 'prompts.create', { body });
	},
});
