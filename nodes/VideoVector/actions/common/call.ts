import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { endpointRequest, type EndpointRequestOptions } from '../../../../shared/contract/endpoint-request';
import { ENDPOINTS, type EndpointKey } from '../../../../shared/contract/endpoints';
import { createNodeApiClient } from '../../../../shared/n8n/api-client';
import { idempotencyKeyFor } from './idempotency';

/**
 * Calls one contract endpoint for one item. Writes the API de-duplicates (POST/PATCH marked
 * idempotent in the contract) get an Idempotency-Key automatically — the user's override from the
 * Options collection if set — which is also what makes them safe for the shared policy to retry.
 */
export async function callEndpoint<K extends EndpointKey, T = IDataObject>(
	context: IExecuteFunctions,
	itemIndex: number,
	key: K,
	options: EndpointRequestOptions<K>,
): Promise<T> {
	const client = await createNodeApiClient(context, itemIndex);
	const request = endpointRequest(key, options);
	if (needsIdempotencyKey(key) && !request.idempotencyKey) {
		const userOptions = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		request.idempotencyKey = idempotencyKeyFor(context, itemIndex, key, userOptions.idempotencyKey);
	}
	return await client.request<T>(request);
}

export function needsIdempotencyKey(key: EndpointKey): boolean {
	const endpoint = ENDPOINTS[key];
	return endpoint.idempotent && (endpoint.method === 'POST' || endpoint.method === 'PATCH');
}
