import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiRequest } from '../../../../shared/http/types';
import type { ApiSession } from '../../../../shared/n8n/api-session';

/**
 * The hits of a search answer: a plain array per the typed models, or the fixture's `{results, total}`
 * (contract §22 #9); `data` is accepted for the same reason. Each hit becomes one output item, scores
 * and all, exactly as the API sent it.
 */
export function hitsOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body && typeof body === 'object') {
		const { results, data } = body as { results?: unknown; data?: unknown };
		if (Array.isArray(results)) return results as IDataObject[];
		if (Array.isArray(data)) return data as IDataObject[];
	}
	return [];
}

export async function executeSearch(
	session: ApiSession<IExecuteFunctions>,
	request: ApiRequest,
): Promise<IDataObject[]> {
	const client = await session.client();
	return hitsOf(await client.request(request));
}
