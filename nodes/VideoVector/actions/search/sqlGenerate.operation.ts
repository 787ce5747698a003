import type { IDataObject } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { checkText } from '../../../../shared/n8n/text-check';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { INDEX, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';
import { indexIdsOption, readScopeOptions, runIdsOption } from './search-options';

export const sqlGenerate = defineOperation({
	value: 'sqlGenerate',
	name: 'SQL Generate',
	action: 'Generate SQL from an instruction',
	description:
		'Turn a plain-language question into a read-only SQL query over the run results of an index (optionally refining an existing query). Returns query.',
	endpoints: ['search.sqlGenerate'],
	properties: [
		locator(INDEX),
		{
			displayName: 'Instruction',
			name: 'instruction',
			type: 'string',
			typeOptions: { rows: 3 },
			required: true,
			default: '',
			placeholder: 'e.g. Count segments per location where people look happy',
			description: 'The question to answer with SQL',
		},
		optionsWithIdempotencyKey([
			{
				displayName: 'Existing Query',
				name: 'existingQuery',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'A query to refine instead of starting from scratch',
			},
			indexIdsOption,
			runIdsOption,
		]),
	],
	async execute(itemIndex, session) {
		const indexId = locatorValue(this, INDEX, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const body: IDataObject = {
			instruction: checkText(
				this,
				itemIndex,
				this.getNodeParameter('instruction', itemIndex, ''),
				'Instruction',
				{ min: 1 },
			),
			...readScopeOptions(this, itemIndex),
		};
		const existing = checkText(this, itemIndex, options.existingQuery, 'Existing Query');
		if (existing) body.existing_query = existing;
		return await callEndpoint(session, 'search.sqlGenerate', {
			params: { index_id: indexId },
			body,
		});
	},
});
