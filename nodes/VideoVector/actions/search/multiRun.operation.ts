import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { readIdList } from '../../../../shared/n8n/id-list';
import { INDEX, locator, optionalLocatorValue } from '../common/locators';
import { defineOperation } from '../operation';
import { queryProperty, readQuery } from './query-field';
import { runIdsOption } from './search-options';
import { executeSearch } from './search-results';
import { readTopK, topKProperty } from './top-k';

export const multiRun = defineOperation({
	value: 'multiRun',
	name: 'Multi-Run Search',
	action: 'Search across several prompt runs',
	description:
		'Semantic search across the results of several prompt runs (or all runs of an index), merging per-run hits by best, all or weighted aggregation. Returns one item per hit.',
	endpoints: ['search.multiRun'],
	properties: [
		queryProperty,
		{
			...runIdsOption,
			description:
				'The runs to search; leave empty to use the runs of the index below. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		locator(INDEX, {
			required: false,
			description: 'Index whose runs are searched when no Run IDs are given',
		}),
		{
			displayName: 'Aggregation',
			name: 'aggregation',
			type: 'options',
			options: [
				{ name: 'All', value: 'all', description: 'Every hit of every run' },
				{ name: 'Best', value: 'best', description: 'The best hit per segment across runs' },
				{ name: 'Weighted', value: 'weighted', description: 'Scores combined across runs' },
			],
			default: 'best',
			description: 'How hits of the same segment from several runs are merged',
		},
		topKProperty(5, 50),
	],
	async execute(itemIndex, session) {
		const body: IDataObject = {
			query: readQuery(this, itemIndex),
			aggregation: this.getNodeParameter('aggregation', itemIndex, 'best') as string,
			top_k: readTopK(this, itemIndex, 5, 50),
		};
		const runIds = readIdList(
			this,
			itemIndex,
			this.getNodeParameter('runIds', itemIndex, ''),
			'Run IDs',
		);
		if (runIds.length > 0) body.run_ids = runIds;
		const indexId = optionalLocatorValue(this, INDEX, itemIndex);
		if (indexId) body.index_id = indexId;
		if (!body.run_ids && !body.index_id) {
			throw new NodeOperationError(
				this.getNode(),
				'Give Run IDs, an Index whose runs to search, or both',
				{ itemIndex },
			);
		}
		return await executeSearch(session, endpointRequest('search.multiRun', { body }));
	},
});
