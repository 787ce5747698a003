import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { EndpointRequestOptions } from '../contract/endpoint-request';
import type { EndpointKey } from '../contract/endpoints';
import { createNodeApiClient } from './api-client';
import { keyedEndpointRequest } from './keyed-request';

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
	return await client.request<T>(keyedEndpointRequest(context, itemIndex, key, options));
}
