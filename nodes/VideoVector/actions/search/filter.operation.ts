import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { defineOperation } from '../operation';
import { executeFilter, filterOptions, filterProperties, filterRequest } from './filter-search';
import { readSearchIn, searchInProperties } from './search-in';

export const filter = defineOperation({
	value: 'filter',
	name: 'Filter',
	action: 'Filter media by metadata conditions',
	description:
		'Find segments of an index or of the playground whose extracted metadata matches up to 4 exact conditions (e.g. scene.location equals "beach"), page by page. Returns one item per match.',
	endpoints: ['search.filter', 'search.filterPlayground'],
	properties: [...searchInProperties, ...filterProperties, filterOptions],
	async execute(itemIndex, session) {
		const indexId = readSearchIn(this, itemIndex);
		const request = filterRequest(this, itemIndex, (body) =>
			indexId === undefined
				? endpointRequest('search.filterPlayground', { body })
				: endpointRequest('search.filter', { params: { index_id: indexId }, body }),
		);
		return await executeFilter(session, request);
	},
});
