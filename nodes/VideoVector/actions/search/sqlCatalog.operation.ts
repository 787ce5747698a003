import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { INDEX, locator, locatorValue } from '../common/locators';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';
import { defineOperation } from '../operation';
import { indexIdsOption, readScopeOptions, runIdsOption } from './search-options';

export const sqlCatalog = defineOperation({
	value: 'sqlCatalog',
	name: 'SQL Catalog',
	action: 'Get the SQL tables of an index',
	description:
		'List the tables and columns that SQL queries over the run results of an index can use (one item with tables)',
	endpoints: ['search.sqlCatalog'],
	properties: [locator(INDEX), optionsCollection([indexIdsOption, runIdsOption])],
	async execute(itemIndex, session) {
		const indexId = locatorValue(this, INDEX, itemIndex);
		// The endpoint needs a JSON body even when empty (docs/api/conventions.md#request-conventions).
		return await callEndpoint(session, 'search.sqlCatalog', {
			params: { index_id: indexId },
			body: { ...readScopeOptions(this, itemIndex) },
		});
	},
});
