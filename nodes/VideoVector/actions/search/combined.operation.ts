import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { keyedEndpointRequest } from '../../../../shared/n8n/keyed-request';
import { checkText } from '../../../../shared/n8n/text-check';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { readResultLimit, returnAllOrLimit } from '../common/list';
import {
	mediaScopeBody,
	mediaScopeProperties,
	readMediaScope,
	type MediaScopeSpec,
} from '../common/media-scope';
import { collectPagedResults, pageSizeFor } from '../common/paged-results';
import { readResultLevel, resultLevelProperty } from '../common/result-level';
import { defineOperation } from '../operation';
import { conditionsProperty, readConditions } from './filter-conditions';

/** Page size ceiling of `POST /workflow/search` (docs/api/conventions.md#workflow-surface). */
const MAX_PAGE_SIZE = 50;

/** Media IDs are searched alone, without a containing index (docs/api/conventions.md#workflow-surface). */
const SEARCH_SCOPE: MediaScopeSpec = {
	parameter: 'searchScope',
	kinds: ['index', 'indexName', 'videos', 'runs', 'playground'],
	what: 'the search',
	containingIndex: false,
};

export const combined = defineOperation({
	value: 'combined',
	name: 'Combined Search',
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
		conditionsProperty(
			'Up to 4 metadata conditions, all of which must match; optional when a query is given',
		),
		...mediaScopeProperties(SEARCH_SCOPE),
		resultLevelProperty,
		...returnAllOrLimit(),
		optionsWithIdempotencyKey(),
	],
	async execute(itemIndex, session) {
		const query = checkText(
			this,
			itemIndex,
			this.getNodeParameter('query', itemIndex, ''),
			'Query',
		);
		// The workflow surface takes conditions without their type (docs/api/conventions.md#search, docs/api/conventions.md#filter-condition-type); the type still
		// decides how each value is checked and read.
		const filters = readConditions(this, itemIndex, false).map(
			({ type: _type, ...condition }) => condition,
		);
		if (!query && filters.length === 0) {
			throw new NodeOperationError(
				this.getNode(),
				'Give a Query, at least one condition, or both',
				{ itemIndex },
			);
		}
		const maxItems = readResultLimit(this, itemIndex);
		const body: IDataObject = {
			result_level: readResultLevel(this, itemIndex),
			limit: pageSizeFor(maxItems, MAX_PAGE_SIZE),
			...mediaScopeBody(readMediaScope(this, itemIndex, SEARCH_SCOPE)),
		};
		if (query) body.query = query;
		if (filters.length > 0) body.filters = filters;
		// First page by POST; every further page of the same snapshot by GET with only the cursor (docs/api/conventions.md#other-paging-shapes).
		const first = keyedEndpointRequest(this, itemIndex, 'workflow.search', { body });
		return await collectPagedResults(session, first, {
			maxItems,
			maxPageSize: MAX_PAGE_SIZE,
			pageSizeInRequest: true,
			nextRequest: (cursor) => endpointRequest('workflow.searchPage', { query: { cursor } }),
		});
	},
});
