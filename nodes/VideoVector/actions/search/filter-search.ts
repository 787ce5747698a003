import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiRequest } from '../../../../shared/http/types';
import type { ApiSession } from '../../../../shared/n8n/api-session';
import { readIdList } from '../../../../shared/n8n/id-list';
import { idMultiSelect } from '../common/id-multi-select';
import { readResultLimit, returnAllOrLimit } from '../common/list';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';
import { collectPagedResults } from '../common/paged-results';
import { conditionsProperty, readConditions } from './filter-conditions';
import { indexIdsOption, readScopeOptions } from './search-options';

/**
 * Exact metadata filtering (docs/api/conventions.md#search) over an index or the playground. Pages travel in the body
 * (`page_size` + `cursor`, docs/api/conventions.md#other-paging-shapes); run IDs are always sent (docs/api/conventions.md#filter-run-ids), so they are required here.
 */

/** `page_size` ceiling of the filter endpoints. */
const MAX_PAGE_SIZE = 100;

export const filterProperties: INodeProperties[] = [
	conditionsProperty('Up to 4 conditions on the extracted metadata; all must match'),
	idMultiSelect({
		name: 'runIds',
		noun: 'Prompt Run',
		method: 'getPromptRunChoices',
		description: "The prompt runs whose extracted metadata is filtered (listed: the Index's runs)",
		required: true,
		followsIndex: true,
	}),
	...returnAllOrLimit(),
];

export const filterOptions = optionsCollection([indexIdsOption]);

export function filterRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	build: (body: Record<string, unknown>) => ApiRequest,
): ApiRequest {
	const conditions = readConditions(context, itemIndex);
	const runIds = readIdList(
		context,
		itemIndex,
		context.getNodeParameter('runIds', itemIndex, ''),
		'Run IDs',
		{ required: true },
	);
	return build({ conditions, run_ids: runIds, ...readScopeOptions(context, itemIndex) });
}

export async function executeFilter(session: ApiSession<IExecuteFunctions>, request: ApiRequest) {
	const { context, itemIndex } = session;
	const maxItems = readResultLimit(context, itemIndex);
	return await collectPagedResults(session, request, {
		cursorIn: 'body',
		maxItems,
		maxPageSize: MAX_PAGE_SIZE,
	});
}
