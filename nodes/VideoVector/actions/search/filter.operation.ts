import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { INDEX, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';
import { executeFilter, filterOptions, filterProperties, filterRequest } from './filter-search';

export const filter = defineOperation({
	value: 'filter',
	name: 'Filter',
	action: 'Filter an index by metadata conditions',
	description:
		'Find segments whose extracted metadata matches up to 4 exact conditions (e.g. scene.location equals "beach"), page by page. Returns one item per match.',
	endpoints: ['search.filter'],
	properties: [locator(INDEX), ...filterProperties, filterOptions],
	async execute(itemIndex, session) {
		const indexId = locatorValue(this, INDEX, itemIndex);
		const request = filterRequest(this, itemIndex, (body) =>
			endpointRequest('search.filter', { params: { index_id: indexId }, body }),
		);
		return await executeFilter(session, request);
	},
});
