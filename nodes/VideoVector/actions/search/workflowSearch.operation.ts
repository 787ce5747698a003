import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { checkText } from '../common/checked-parameters';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { keyedEndpointRequest } from '../common/keyed-request';
import { returnAllOrLimit } from '../common/list';
import { mediaScopeProperties, readMediaScope } from '../common/media-scope';
import { collectPagedResults, pageSizeFor, readResultLimit } from '../common/paged-results';
import { defineOperation } from '../operation';
import { conditionsProperty, readConditions } from './filter-conditions';

/** Page size ceiling of `POST /workflow/search` (§9). */
const MAX_PAGE_SIZE = 50;

function scopePart(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const scope = readMediaScope(context, itemIndex, 'searchScope');
	switch (scope.kind) {
		case 'index':
			return { index_id: scope.indexId };
		case 'indexName':
			return { index_name: scope.indexName };
		case 'videos':
			return { video_ids: scope.videoIds };
		case 'runs':
			return { prompt_run_ids: scope.runIds };
		default:
			return {};
	}
}

export const workflowSearch = defineOperation({
	value: 'workflowSearch',
	name: 'Search',
	action: 'Search media by query and conditions',
	description:
		'Search an index, index by name, media items, prompt runs or the playground with a natural-language query, metadata conditions, or both; results are paged from a snapshot. Returns one item per segment or media item with its scores.',
	endpoints: ['workflow.search', 'workflow.searchPage'],
	properties: [
		{
			displayName: 'Query',
			name: 'query',
			type: 'string',
			default: '',
			placeholder: 'e.g. a person laughing on a beach',
			description: 'What to look for, in natural language; optional when conditions are given',
		},
		conditionsProperty('Up to 4 metadata conditions, all of which must match; optional when a query is given'),
		...mediaScopeProperties('searchScope', ['index', 'indexName', 'videos', 'runs', 'playground'], 'the search', {
			containingIndex: false,
		}),
		{
			displayName: 'Result Level',
			name: 'resultLevel',
			type: 'options',
			options: [
				{ name: 'Media Item', value: 'video', description: 'One result per media item' },
				{ name: 'Segment', value: 'segment', description: 'One result per segment' },
			],
			default: 'segment',
			description: 'Whether results are per segment or per media item',
		},
		...returnAllOrLimit(),
		optionsWithIdempotencyKey(),
	],
	async execute(itemIndex) {
		const query = checkText(this, itemIndex, this.getNodeParameter('query', itemIndex, ''), 'Query');
		// The workflow surface takes conditions without their type (§12, §22 #15); the type still
		// decides how each value is checked and read.
		const filters = readConditions(this, itemIndex, false).map(({ type: _type, ...condition }) => condition);
		if (!query && filters.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Give a Query, at least one condition, or both', { itemIndex });
		}
		const body: IDataObject = {
			result_level: this.getNodeParameter('resultLevel', itemIndex, 'segment') as string,
			limit: pageSizeFor(readResultLimit(this, itemIndex), MAX_PAGE_SIZE),
			...scopePart(this, itemIndex),
		};
		if (query) body.query = query;
		if (filters.length > 0) body.filters = filters;
		// First page by POST; every further page of the same snapshot by GET with only the cursor (§4.2).
		const first = keyedEndpointRequest(this, itemIndex, 'workflow.search', { body });
		return await collectPagedResults(this, itemIndex, first, {
			maxPageSize: MAX_PAGE_SIZE,
			pageSizeInRequest: true,
			nextRequest: (cursor) => endpointRequest('workflow.searchPage', { query: { cursor } }),
		});
	},
});
