import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiRequest } from '../../../../shared/http/types';
import type { ApiSession } from '../../../../shared/n8n/api-session';
import { capNotice, hintWhenCapReached, type ListCap } from '../../../../shared/n8n/list-extent';
import { collectPagedResults } from './paged-results';

/** Page size ceiling of the plain cursor lists (docs/api/conventions.md#cursor-pages). */
const MAX_CURSOR_PAGE_SIZE = 100;

/**
 * Return All / Limit, the pair every list operation offers: for lists the node pages through with a
 * cursor, and for lists the API answers whole. A list the API caps without a cursor uses
 * `cappedReturnAll` (test/nodes/return-all-extent.test.ts holds every list to that).
 */
export function returnAllOrLimit(maxLimit = 100): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: maxLimit },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/**
 * Return All / Limit of a list the API caps without a cursor: the cap is the Limit's maximum, and a
 * notice under Return All states it (n8n's lint fixes the Return All description itself).
 */
export function cappedReturnAll(cap: ListCap): INodeProperties[] {
	return [...returnAllOrLimit(cap.max), capNotice(cap)];
}

/** The Return All / Limit pair as a maximum item count; undefined = all. */
export function readResultLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? undefined : (context.getNodeParameter('limit', itemIndex, 50) as number);
}

/** A cursor-paginated list: streams pages, stops at the limit without fetching further pages. */
export async function executeCursorList(
	session: ApiSession<IExecuteFunctions>,
	request: ApiRequest,
): Promise<IDataObject[]> {
	const { context, itemIndex } = session;
	const maxItems = readResultLimit(context, itemIndex);
	return await collectPagedResults(session, request, {
		maxItems,
		maxPageSize: MAX_CURSOR_PAGE_SIZE,
	});
}

/** A list the API returns whole (a plain array, no cursor): Limit trims it client-side. */
export async function executePlainList(
	session: ApiSession<IExecuteFunctions>,
	request: ApiRequest,
	pick: (body: unknown) => unknown[] = (body) => (Array.isArray(body) ? body : []),
): Promise<IDataObject[]> {
	const { context, itemIndex } = session;
	const items = pick(await (await session.client()).request(request)) as IDataObject[];
	const maxItems = readResultLimit(context, itemIndex);
	return maxItems === undefined ? items : items.slice(0, maxItems);
}

/**
 * A list the API caps without a cursor: as `executePlainList`, plus the output-pane hint when Return
 * All got as many items as the cap (there may be more the API does not serve).
 */
export async function executeCappedList(
	session: ApiSession<IExecuteFunctions>,
	request: ApiRequest,
	cap: ListCap,
	pick?: (body: unknown) => unknown[],
): Promise<IDataObject[]> {
	const items = await executePlainList(session, request, pick);
	const returnAll = readResultLimit(session.context, session.itemIndex) === undefined;
	hintWhenCapReached(session.context, returnAll, items.length, cap);
	return items;
}
