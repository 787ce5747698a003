import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { locator, locatorValue, PROMPT } from '../common/locators';
import { defineOperation } from '../operation';
import {
	clearSelectionFilterField,
	clearVideoLevelField,
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

export const update = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update a prompt',
	description:
		'Change some fields of a prompt; only the fields added under Update Fields are sent, the rest stay as they are',
	endpoints: ['prompts.update'],
	properties: [
		locator(PROMPT),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				clearSelectionFilterField,
				clearVideoLevelField,
				descriptionField,
				executionConfigField,
				jsonSchemaField,
				nameField,
				promptTextField,
				selectionFilterField,
				semanticIndexingField,
				videoLevelField,
			],
		},
	],
	async execute(itemIndex, session) {
		const promptId = locatorValue(this, PROMPT, itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const body = promptBody(this, itemIndex, fields);
		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), 'Add at least one field to update', {
				itemIndex,
			});
		}
		return await callEndpoint(session, 'prompts.update', { params: { prompt_id: promptId }, body });
	},
});
