import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { endpointRequest } from '../contract/endpoint-request';
import { createNodeApiClient } from './api-session';

/** One picker entry; fits both a resource locator's list (`INodeListSearchItems`) and a dropdown (`INodePropertyOptions`). */
export interface ResourceChoice {
	name: string;
	value: string;
}

/**
 * Turns API objects into picker entries labelled `name (id)` (just the id when unnamed), keeping
 * those whose name or id contains the filter text, case-insensitively.
 */
export function toChoices(
	items: IDataObject[],
	idKey: string,
	nameOf: (item: IDataObject) => string,
	filter?: string,
): ResourceChoice[] {
	const needle = filter?.trim().toLowerCase();
	return items
		.map((item) => ({ id: String(item[idKey] ?? ''), label: nameOf(item) }))
		.filter(({ id, label }) => id && (!needle || `${label} ${id}`.toLowerCase().includes(needle)))
		.map(({ id, label }) => ({ name: label ? `${label} (${id})` : id, value: id }));
}

/**
 * The one index lookup: the action node's index locator and the webhook trigger's index filter
 * both list indexes through it, defaults included, sorted by label.
 */
export async function lookupIndexes(
	context: ILoadOptionsFunctions,
	filter?: string,
): Promise<ResourceChoice[]> {
	const client = await createNodeApiClient(context);
	const body = await client.request<unknown>(
		endpointRequest('indexes.list', { query: { include_defaults: true } }),
	);
	const indexes = Array.isArray(body) ? (body as IDataObject[]) : [];
	return toChoices(indexes, 'index_id', (index) => String(index.name ?? ''), filter).sort((a, b) =>
		a.name.localeCompare(b.name),
	);
}
