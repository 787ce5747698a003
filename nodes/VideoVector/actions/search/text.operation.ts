import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import type { ApiRequest } from '../../../../shared/http/types';
import { readIdList } from '../../../../shared/n8n/id-list';
import { keyedEndpointRequest } from '../../../../shared/n8n/keyed-request';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';
import { defineOperation } from '../operation';
import { queryProperty, readQuery } from './query-field';
import { indexOnly, readSearchIn, searchInProperties } from './search-in';
import {
	indexIdsOption,
	readScopeOptions,
	runIdsOption,
	searchFieldsOption,
} from './search-options';
import { executeSearch } from './search-results';
import { readTopK, topKProperty } from './top-k';

/** The playground search takes one prompt run at most (a query parameter), not a list. */
function playgroundRequest(context: IExecuteFunctions, itemIndex: number): ApiRequest {
	const options = context.getNodeParameter('options', itemIndex, {}) as { runIds?: unknown };
	const runIds = readIdList(context, itemIndex, options.runIds, 'Run IDs');
	if (runIds.length > 1)
		throw new NodeOperationError(
			context.getNode(),
			'The playground is searched in one prompt run at most',
			{
				itemIndex,
				description: 'Give one ID in Options → Run IDs, or search an index.',
			},
		);
	return endpointRequest('search.playground', {
		body: { query: readQuery(context, itemIndex), top_k: readTopK(context, itemIndex, 30, 100) },
		query: runIds.length ? { run_id: runIds[0] } : undefined,
	});
}

export const text = defineOperation({
	value: 'text',
	name: 'Text Search',
	action: 'Search media by text',
	description:
		'Semantic search of an index or of the playground with a natural-language query. Returns one item per matching segment or media item, best first, with its similarity scores.',
	endpoints: ['search.text', 'search.playground'],
	properties: [
		...searchInProperties,
		queryProperty,
		topKProperty(30, 100),
		optionsCollection([indexOnly(indexIdsOption), runIdsOption, indexOnly(searchFieldsOption)]),
	],
	async execute(itemIndex, session) {
		const indexId = readSearchIn(this, itemIndex);
		if (indexId === undefined)
			return await executeSearch(session, playgroundRequest(this, itemIndex));
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
			{ params: { index_id: indexId }, body },
			true,
		);
		return await executeSearch(session, request);
	},
});
