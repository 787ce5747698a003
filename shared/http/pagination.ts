import { VideoVectorClientError } from './client-error';
import { readPage } from './page-shape';
import type { ApiRequest, ApiResponse } from './types';

/** Sends one request and throws on non-2xx, e.g. a transport wrapped by `sendWithRetries`. */
export type SendFn = (request: ApiRequest) => Promise<ApiResponse>;

export interface PaginateOptions {
	/**
	 * Where page size and cursor travel: `query` (`limit` + `cursor`, docs/api/conventions.md#cursor-pages, the default) or
	 * `body` (`page_size` + `cursor` in the JSON body, the filter searches of docs/api/conventions.md#other-paging-shapes).
	 */
	cursorIn?: 'query' | 'body';
	/** Sent unchanged on every page as `limit` / `page_size`; omitted → the server default (50). */
	pageSize?: number;
	/** Stop after this many items, trimming the last page (n8n's "Limit"). */
	maxItems?: number;
	/**
	 * Builds the request for the page after `cursor` when that is not "the first request plus a
	 * cursor", e.g. `POST /workflow/search` → `GET /workflow/search/page?cursor=…` (docs/api/conventions.md#other-paging-shapes).
	 */
	nextRequest?: (cursor: string, first: ApiRequest) => ApiRequest;
}

function withPaging(
	request: ApiRequest,
	cursor: string | undefined,
	options: PaginateOptions,
): ApiRequest {
	if (options.pageSize === undefined && cursor === undefined) return request;
	if (options.cursorIn === 'body') {
		const body = (request.body ?? {}) as Record<string, unknown>;
		if (typeof body !== 'object' || Array.isArray(body)) {
			throw new VideoVectorClientError(
				'invalid_page_request',
				'Body paging needs a JSON object body',
			);
		}
		const paged: Record<string, unknown> = { ...body };
		if (options.pageSize !== undefined) paged.page_size = options.pageSize;
		if (cursor !== undefined) paged.cursor = cursor;
		return { ...request, body: paged };
	}
	const query = { ...request.query };
	if (options.pageSize !== undefined) query.limit = options.pageSize;
	if (cursor !== undefined) query.cursor = cursor;
	return { ...request, query };
}

function startingCursor(request: ApiRequest, options: PaginateOptions): string | undefined {
	const source =
		options.cursorIn === 'body'
			? (request.body as Record<string, unknown> | undefined)
			: request.query;
	const cursor = source?.cursor;
	return typeof cursor === 'string' && cursor !== '' ? cursor : undefined;
}

/**
 * Yields one page (array of items) at a time, requesting the next page only when the consumer asks
 * for it, so memory stays at one page however long the list is.
 *
 * Ends on `has_more: false` or a missing cursor. A cursor the server already sent ends iteration
 * with a `pagination_cursor_repeated` error instead of silently looping or silently stopping.
 */
export async function* paginate<T = unknown>(
	send: SendFn,
	request: ApiRequest,
	options: PaginateOptions = {},
): AsyncGenerator<T[], void, undefined> {
	let remaining = options.maxItems ?? Number.POSITIVE_INFINITY;
	if (remaining <= 0) return;
	const first = withPaging(request, undefined, options);
	const seen = new Set<string>();
	const initialCursor = startingCursor(first, options);
	if (initialCursor !== undefined) seen.add(initialCursor);
	let next: ApiRequest = first;
	for (let pageNumber = 1; ; pageNumber++) {
		const page = readPage<T>((await send(next)).body);
		const items = page.items.length > remaining ? page.items.slice(0, remaining) : page.items;
		remaining -= items.length;
		if (items.length > 0) yield items;
		const cursor = page.nextCursor;
		if (remaining <= 0 || cursor === undefined) return;
		if (seen.has(cursor)) {
			throw new VideoVectorClientError(
				'pagination_cursor_repeated',
				`Pagination stopped: page ${pageNumber} returned a cursor that was already used, so the list would never end`,
			);
		}
		seen.add(cursor);
		next = options.nextRequest
			? options.nextRequest(cursor, request)
			: withPaging(request, cursor, options);
	}
}

/** Collects every page into one array; for tests and small lists only (it defeats streaming). */
export async function collectAll<T = unknown>(
	send: SendFn,
	request: ApiRequest,
	options: PaginateOptions = {},
): Promise<T[]> {
	const all: T[] = [];
	for await (const page of paginate<T>(send, request, options)) all.push(...page);
	return all;
}
