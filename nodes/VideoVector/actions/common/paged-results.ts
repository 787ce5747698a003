import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PaginateOptions } from '../../../../shared/http/pagination';
import type { ApiRequest } from '../../../../shared/http/types';
import type { ApiSession } from '../../../../shared/n8n/api-session';

export interface PagedResultsOptions extends Omit<PaginateOptions, 'pageSize'> {
	/** Largest page the endpoint serves; pages are asked at this size, or at the limit when smaller. */
	maxPageSize: number;
	/**
	 * Set when the page size already travels inside `request` (the caller placed it, e.g. in a POST
	 * body whose next pages are GETs): the pager then adds none of its own.
	 */
	pageSizeInRequest?: boolean;
}

/** The page size to ask for: as few items as the limit needs, never more than the endpoint allows. */
export function pageSizeFor(limit: number | undefined, maxPageSize: number): number {
	return limit === undefined ? maxPageSize : Math.max(1, Math.min(limit, maxPageSize));
}

/**
 * Any paged shape of contract §4 (query or body cursor, or a different next-page request) up to
 * `maxItems` (undefined = all, see `readResultLimit`): streams page by page and stops fetching once
 * the limit is reached.
 */
export async function collectPagedResults(
	session: ApiSession<IExecuteFunctions>,
	request: ApiRequest,
	options: PagedResultsOptions,
): Promise<IDataObject[]> {
	const { maxPageSize, pageSizeInRequest, ...paging } = options;
	const client = await session.client();
	const pageSize = pageSizeInRequest ? undefined : pageSizeFor(paging.maxItems, maxPageSize);
	const out: IDataObject[] = [];
	for await (const page of client.pages(request, { ...paging, pageSize })) {
		for (const item of page) out.push(item as IDataObject);
	}
	return out;
}
