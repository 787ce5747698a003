import { keyedEndpointRequest } from '../../../../shared/n8n/keyed-request';
import { INDEX, locator, locatorValue } from '../common/locators';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';
import { defineOperation } from '../operation';
import { queryProperty, readQuery } from './query-field';
import {
	indexIdsOption,
	readScopeOptions,
	runIdsOption,
	searchFieldsOption,
} from './search-options';
import { executeSearch } from './search-results';
import { readTopK, topKProperty } from './top-k';

export const text = defineOperation({
	value: 'text',
	name: 'Text Search',
	action: 'Search an index by text',
	description:
		'Semantic search of an index with a natural-language query. Returns one item per matching segment or media item, best first, with similarity_score and reranked_score.',
	endpoints: ['search.text'],
	properties: [
		locator(INDEX),
		queryProperty,
		topKProperty(30, 100),
		optionsCollection([indexIdsOption, runIdsOption, searchFieldsOption]),
	],
	async execute(itemIndex, session) {
		const body = {
			query: readQuery(this, itemIndex),
			top_k: readTopK(this, itemIndex, 30, 100),
			...readScopeOptions(this, itemIndex),
		};
		// The vendor's node keys searches (docs/api/conventions.md#idempotency-keys); the key also lets the policy retry a 429.
		const request = keyedEndpointRequest(
			this,
			itemIndex,
			'search.text',
			{ params: { index_id: locatorValue(this, INDEX, itemIndex) }, body },
			true,
		);
		return await executeSearch(session, request);
	},
});
