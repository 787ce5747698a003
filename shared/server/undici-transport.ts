import type { ApiRequest, ApiResponse, Transport } from '../http/types';
import { buildUrl, checkConfig, defaultHeaders, type UndiciClientConfig } from './client-config';
import { rawRequest, readApiResponse } from './raw-request';

export type { UndiciClientConfig } from './client-config';

/** Request headers: caller extras first, then JSON, credential and idempotency headers, which callers cannot drop. */
function requestHeaders(config: UndiciClientConfig, request: ApiRequest): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers ?? {}))
		headers[name.toLowerCase()] = value;
	Object.assign(headers, defaultHeaders(config));
	if (request.body !== undefined) headers['content-type'] = 'application/json';
	if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
	return headers;
}

/**
 * A Transport over undici: JSON in and out, query arrays as repeated keys, no redirects, auth via
 * `X-API-Key` or `Authorization: Bearer`. Resolves for every HTTP status; rejects with
 * `VideoVectorNetworkError` (`network_error` / `timeout_error`) only when no response arrived.
 */
export function createUndiciTransport(config: UndiciClientConfig): Transport {
	checkConfig(config);
	return async (request: ApiRequest): Promise<ApiResponse> => {
		const label = `${request.method} ${request.path}`;
		const response = await rawRequest(config, {
			method: request.method,
			url: buildUrl(config.baseUrl, request.path, request.query),
			headers: requestHeaders(config, request),
			body: request.body === undefined ? undefined : JSON.stringify(request.body),
			label,
		});
		return readApiResponse(response, label);
	};
}
