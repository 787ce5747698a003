import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { defineOperation } from '../operation';
import { executeFilter, filterOptions, filterProperties, filterRequest } from './filter-search';

export const filterPlayground = defineOperation({
	value: 'filterPlayground',
	name: 'Filter Playground',
	action: 'Filter playground media by metadata conditions',
	description:
		'Find playground segments (media uploaded without an index) whose extracted metadata matches up to 4 exact conditions, page by page. Returns one item per match.',
	endpoints: ['search.filterPlayground'],
	properties: [...filterProperties, filterOptions],
	async execute(itemIndex, session) {
		const request = filterRequest(this, itemIndex, (body) =>
			endpointRequest('search.filterPlayground', { body }),
		);
		return await executeFilter(session, request);
	},
});
