import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { endpointRequest, type EndpointRequestOptions } from '../contract/endpoint-request';
import { ENDPOINTS, type EndpointKey } from '../contract/endpoints';
import type { ApiRequest } from '../http/types';
import { idempotencyKeyFor } from './idempotency';

/**
 * The request `callEndpoint` sends, without sending it: for operations that hand the request to
 * the pager (e.g. the first page of a workflow search is a keyed POST) and for read-only POSTs that
 * opt in to a derived key so the shared policy may retry them.
 */
export function keyedEndpointRequest<K extends EndpointKey>(
	context: IExecuteFunctions,
	itemIndex: number,
	key: K,
	options: EndpointRequestOptions<K>,
	forceKey = false,
): ApiRequest {
	const request = endpointRequest(key, options);
	if ((forceKey || needsIdempotencyKey(key)) && !request.idempotencyKey) {
		const userOptions = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		request.idempotencyKey = idempotencyKeyFor(context, itemIndex, key, userOptions.idempotencyKey);
	}
	return request;
}

/** Per docs/api/conventions.md#idempotency-keys, the prompt update (a PUT) and the n8n node's deletes of index, media and prompt carry a key too. */
const KEYED_BEYOND_POST: ReadonlySet<EndpointKey> = new Set<EndpointKey>([
	'prompts.update',
	'indexes.delete',
	'videos.delete',
	'prompts.delete',
]);

/** Writes the API de-duplicates: POST/PATCH endpoints the contract marks idempotent, plus the others named in docs/api/conventions.md#idempotency-keys. */
export function needsIdempotencyKey(key: EndpointKey): boolean {
	const endpoint = ENDPOINTS[key];
	return (
		(endpoint.idempotent && (endpoint.method === 'POST' || endpoint.method === 'PATCH')) ||
		KEYED_BEYOND_POST.has(key)
	);
}
