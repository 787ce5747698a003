import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { readJsonObjectParameter } from '../common/json-parameter';
import { defineOperation } from '../operation';
import { jsonSchemaField } from './prompt-fields';

function requiredJson(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): IDataObject {
	const value = readJsonObjectParameter(context, itemIndex, name, label);
	if (!value)
		throw new NodeOperationError(context.getNode(), `${label} is required`, { itemIndex });
	return value;
}

export const testSchema = defineOperation({
	value: 'testSchema',
	name: 'Test Schema',
	action: 'Test a JSON schema against sample data',
	description:
		'Check that sample metadata validates against a JSON Schema before using the schema in a prompt. Returns whether the data is valid, the validated data, and the error and message when it is not.',
	endpoints: ['prompts.testSchema'],
	properties: [
		{ ...jsonSchemaField, required: true },
		{
			displayName: 'Sample Data',
			name: 'sampleData',
			type: 'json',
			typeOptions: { alwaysOpenEditWindow: true, rows: 8 },
			required: true,
			default: '{}',
			description: 'An example of the metadata one segment would produce',
		},
	],
	async execute(itemIndex, session) {
		const body = {
			json_schema: requiredJson(this, itemIndex, 'jsonSchema', 'JSON Schema'),
			sample_data: requiredJson(this, itemIndex, 'sampleData', 'Sample Data'),
		};
		return await callEndpoint(session, 'prompts.testSchema', { body });
	},
});
