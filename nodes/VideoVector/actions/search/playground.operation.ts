import type { IDataObject } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { checkText } from '../../../../shared/n8n/text-check';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';
import { defineOperation } from '../operation';
import { queryProperty, readQuery } from './query-field';
import { executeSearch } from './search-results';
import { readTopK, topKProperty } from './top-k';

export const playground = defineOperation({
	value: 'playground',
	name: 'Playground Search',
	action: 'Search playground media by text',
	description:
		'Semantic search over the playground (media uploaded without an index). Returns one item per hit with its scores.',
	endpoints: ['search.playground'],
	properties: [
		queryProperty,
		topKProperty(30, 100),
		optionsCollection([
			{
				displayName: 'Run ID',
				name: 'runId',
				type: 'string',
				default: '',
				description: 'Only search the results of this prompt run',
			},
		]),
	],
	async execute(itemIndex, session) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const runId = checkText(this, itemIndex, options.runId, 'Run ID');
		const request = endpointRequest('search.playground', {
			body: { query: readQuery(this, itemIndex), top_k: readTopK(this, itemIndex, 30, 100) },
			query: runId ? { run_id: runId } : undefined,
		});
		return await executeSearch(session, request);
	},
});
