import type { IDataObject } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { checkInteger } from '../common/checked-parameters';
import { checkText } from '../../../../shared/n8n/text-check';
import { INDEX, locator, locatorValue } from '../common/locators';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';
import { defineOperation } from '../operation';
import { indexIdsOption, readScopeOptions, runIdsOption } from './search-options';

export const sqlExecute = defineOperation({
	value: 'sqlExecute',
	name: 'SQL Execute',
	action: 'Run a read-only SQL query',
	description:
		'Run a read-only SQL query over the run results of an index (see SQL Catalog for tables). Returns one item per row, or one item with the whole answer (rows, their context, and whether the limit cut it).',
	endpoints: ['search.sqlExecute'],
	properties: [
		locator(INDEX),
		{
			displayName: 'SQL Query',
			name: 'query',
			type: 'string',
			typeOptions: { rows: 5 },
			required: true,
			default: '',
			placeholder: 'e.g. SELECT * FROM segments LIMIT 10',
			description: 'A read-only SELECT statement',
		},
		{
			displayName: 'Limit',
			name: 'resultLimit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 2000 },
			default: 100,
			description: 'Max number of rows the API returns (1–2000)',
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{ name: 'One Item per Row', value: 'rows' },
				{
					name: 'Whole Response',
					value: 'response',
					description: 'One item with the rows, their context, and whether the limit cut them',
				},
			],
			default: 'rows',
			description: 'How the answer becomes output items',
		},
		optionsCollection([indexIdsOption, runIdsOption]),
	],
	async execute(itemIndex, session) {
		const indexId = locatorValue(this, INDEX, itemIndex);
		const body = {
			query: checkText(
				this,
				itemIndex,
				this.getNodeParameter('query', itemIndex, ''),
				'SQL Query',
				{ min: 1 },
			),
			result_limit: checkInteger(
				this,
				itemIndex,
				this.getNodeParameter('resultLimit', itemIndex, 100),
				'Limit',
				1,
				2000,
			),
			...readScopeOptions(this, itemIndex),
		};
		const answer = await callEndpoint(session, 'search.sqlExecute', {
			params: { index_id: indexId },
			body,
		});
		if (this.getNodeParameter('output', itemIndex, 'rows') === 'response') return answer;
		return Array.isArray(answer.rows) ? (answer.rows as IDataObject[]) : [];
	},
});
