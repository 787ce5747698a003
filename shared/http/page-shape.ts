import { VideoVectorClientError } from './client-error';

/** One page as every paginated shape of docs/api/conventions.md#pagination reduces to it. */
export interface PageContent<T = unknown> {
	items: T[];
	/** Undefined when this is the last page. */
	nextCursor: string | undefined;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads a page body: standard `{data, pagination: {has_more, next_cursor}}`, legacy filter-search
 * `{results, next_page_token}` (both key sets may be present at once), or a plain array (one page).
 * `has_more: false` ends paging even if a cursor is present; a missing/empty cursor always does.
 */
export function readPage<T = unknown>(body: unknown): PageContent<T> {
	if (Array.isArray(body)) return { items: body as T[], nextCursor: undefined };
	if (!isObject(body)) {
		throw new VideoVectorClientError(
			'invalid_page_response',
			'Expected a page object from a paginated endpoint',
		);
	}
	const items = Array.isArray(body.data)
		? body.data
		: Array.isArray(body.results)
			? body.results
			: undefined;
	if (items === undefined) {
		throw new VideoVectorClientError(
			'invalid_page_response',
			'Page response has neither "data" nor "results"',
		);
	}
	const pagination = isObject(body.pagination) ? body.pagination : {};
	const cursor = nonEmpty(body.next_page_token) ?? nonEmpty(pagination.next_cursor);
	const finished = pagination.has_more === false;
	return { items: items as T[], nextCursor: finished ? undefined : cursor };
}
