import type { ApiRequest, QueryValue } from '../http/types';
import { buildPath, ENDPOINTS, type Endpoint, type EndpointKey } from './endpoints';
import type { PathParamNames, PathParams } from './path-template';

type TemplateOf<K extends EndpointKey> = Endpoint<K>['path'];

interface RequestExtras {
	query?: Record<string, QueryValue>;
	body?: unknown;
	headers?: Record<string, string>;
	idempotencyKey?: string;
}

/** `params` is required exactly when the endpoint's path has placeholders. */
export type EndpointRequestOptions<K extends EndpointKey> = RequestExtras &
	([PathParamNames<TemplateOf<K>>] extends [never]
		? { params?: Record<string, never> }
		: { params: PathParams<TemplateOf<K>> });

/** Builds the ApiRequest for a contract endpoint, so callers never hand-write a method or path. */
export function endpointRequest<K extends EndpointKey>(
	key: K,
	options: EndpointRequestOptions<K>,
): ApiRequest {
	const endpoint: Endpoint = ENDPOINTS[key];
	const { params, ...extras } = options as RequestExtras & { params?: Record<string, string> };
	const request: ApiRequest = {
		method: endpoint.method,
		path: buildPath(endpoint.path as string, params ?? {}),
	};
	if (extras.query !== undefined) request.query = extras.query;
	if (extras.body !== undefined) request.body = extras.body;
	if (extras.headers !== undefined) request.headers = extras.headers;
	if (extras.idempotencyKey !== undefined) request.idempotencyKey = extras.idempotencyKey;
	return request;
}
