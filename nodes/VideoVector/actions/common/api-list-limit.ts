import type { IExecuteFunctions } from 'n8n-workflow';

import { readResultLimit } from './list';

/**
 * For plain-array lists whose endpoint takes a `limit` query: the value to send, so the server does
 * not return more than asked for. Return All sends the endpoint's maximum, since without paging that
 * is the most it can answer. `executePlainList` still trims client-side.
 */
export function apiListLimit(context: IExecuteFunctions, itemIndex: number, max: number): number {
	const limit = readResultLimit(context, itemIndex);
	if (limit === undefined) return max;
	return Math.min(Math.max(1, Math.floor(limit)), max);
}
