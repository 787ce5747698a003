import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { endpointRequest } from '../../../shared/contract/endpoint-request';
import { createNodeApiClient } from '../../../shared/n8n/api-session';
import { toChoices } from '../../../shared/n8n/resource-lookup';
import { listSearch, selectedIndexId } from './list-search';

/**
 * Choices of the multi-select ID fields (Media IDs, Run IDs, Index IDs …), from the same API lists as
 * the single pickers (./list-search.ts), so one media item or run is labelled alike everywhere. A
 * dropdown has no "load more", so paged lists are read up to MAX_CHOICES; anything beyond can still be
 * given by an expression.
 */
const MAX_CHOICES = 500;

type PageSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

async function allPages(
	context: ILoadOptionsFunctions,
	search: PageSearch,
): Promise<INodePropertyOptions[]> {
	const choices: INodePropertyOptions[] = [];
	let token: string | undefined;
	do {
		const page = await search.call(context, undefined, token);
		choices.push(...page.results.map(({ name, value }) => ({ name, value: String(value) })));
		token = typeof page.paginationToken === 'string' ? page.paginationToken : undefined;
	} while (token && choices.length < MAX_CHOICES);
	return choices.slice(0, MAX_CHOICES);
}

/**
 * Media of the node's Index. Without one (the batch operations have no Index field) the media of every
 * index, labelled with the index's name, then the playground's: a batch may mix them.
 */
async function getMediaChoices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	if (selectedIndexId(this)) return await allPages(this, listSearch.searchMedia);
	const client = await createNodeApiClient(this);
	const indexes = await client.request<unknown>(endpointRequest('indexes.list', {}));
	const choices: INodePropertyOptions[] = [];
	for (const index of Array.isArray(indexes) ? (indexes as IDataObject[]) : []) {
		if (choices.length >= MAX_CHOICES) break;
		const page = await client.request<{ data?: IDataObject[] }>(
			endpointRequest('indexes.listVideos', {
				params: { index_id: String(index.index_id) },
				query: { limit: 100 },
			}),
		);
		const label = (media: IDataObject) =>
			`${String(index.name ?? '')} · ${String(media.title ?? '')}`;
		choices.push(...toChoices(page.data ?? [], 'video_id', label));
	}
	if (choices.length < MAX_CHOICES) choices.push(...(await allPages(this, listSearch.searchMedia)));
	return choices.slice(0, MAX_CHOICES);
}

/** Runs of the node's Index (else the account's most recent runs). */
async function getPromptRunChoices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await allPages(this, listSearch.searchPromptRuns);
}

async function getIndexChoices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await allPages(this, listSearch.searchIndexes);
}

/** Wire into the node as `methods.loadOptions` (spread with any other load-options methods). */
export const idLoadOptions = { getMediaChoices, getPromptRunChoices, getIndexChoices };

export type IdLoadOptionsMethod = keyof typeof idLoadOptions;
