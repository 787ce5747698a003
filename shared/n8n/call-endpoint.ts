import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { EndpointRequestOptions } from '../contract/endpoint-request';
import type { EndpointKey } from '../contract/endpoints';
import type { ApiSession } from './api-session';
import { keyedEndpointRequest } from './keyed-request';

/**
 * Calls one contract endpoint for one item. Writes the API de-duplicates (POST/PATCH marked
 * idempotent in the contract) get an Idempotency-Key automatically — the user's override from the
 * Options collection if set — which is also what makes them safe for the shared policy to retry.
 */
export async function callEndpoint<K extends EndpointKey, T = IDataObject>(
	session: ApiSession<IExecuteFunctions>,
	key: K,
	options: EndpointRequestOptions<K>,
): Promise<T> {
	const request = keyedEndpointRequest(session.context, session.itemIndex, key, options);
	return await (await session.client()).request<T>(request);
}
