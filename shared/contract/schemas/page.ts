import { z } from 'zod/v3';

import { optNumber, optString } from './common';

/** `pagination` of a standard cursor page (docs/api/conventions.md#cursor-pages); `total` is a fixture extra, never relied on. */
export const paginationSchema = z
	.object({ limit: optNumber, has_more: z.boolean(), next_cursor: optString, total: optNumber })
	.passthrough();

/** `{data, pagination}` around any item schema. */
export function pageSchema<T extends z.ZodTypeAny>(item: T) {
	return z.object({ data: z.array(item), pagination: paginationSchema }).passthrough();
}

/**
 * Filter-search response (docs/api/conventions.md#other-paging-shapes, docs/api/conventions.md#search): legacy `{results, next_page_token, total_shown}` or the newer
 * `{data, pagination}`; the emulator sends both key sets, so either half may be present.
 */
export function filterSearchResponseSchema<T extends z.ZodTypeAny>(item: T) {
	return z
		.object({
			results: z.array(item).optional(),
			next_page_token: optString,
			total_shown: optNumber,
			data: z.array(item).optional(),
			pagination: paginationSchema.optional(),
		})
		.passthrough()
		.refine((body) => body.results !== undefined || body.data !== undefined, {
			message: 'expected "results" or "data"',
		});
}
