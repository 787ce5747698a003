import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { credentialBaseUrl } from '../contract/base-url';
import { VideoVectorNetworkError } from '../http/api-error';
import type { ApiRequest, ApiResponse, QueryValue, Transport } from '../http/types';

export const CREDENTIAL_TYPE = 'n8nNodesVideoVectorApi';

/** Per-request ceiling for n8n nodes (docs/api/conventions.md#client-retries: long media calls may take minutes). */
export const NODE_REQUEST_TIMEOUT_MS = 300_000;

/** The slice of n8n's function contexts (execute, load-options, hooks, webhooks, triggers) we need. */
export interface N8nHttpContext {
	getCredentials(type: string, itemIndex?: number): Promise<IDataObject>;
	helpers: {
		httpRequestWithAuthentication(
			this: unknown,
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
		): Promise<unknown>;
	};
}

/** What `httpRequest…` resolves to with `returnFullResponse: true`. */
export interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/**
 * A Transport over n8n's `httpRequestWithAuthentication`, so credentials, proxies and n8n's request
 * conventions apply as in every n8n node. Non-2xx statuses come back as responses (the shared policy
 * decides); only a missing response rejects, with a message free of credentials. `credentials` is the
 * VideoVector API credential the caller already read (see ApiSession): the base URL comes from it and
 * its secrets are scrubbed from every error message.
 */
export function createN8nTransport(
	context: Pick<N8nHttpContext, 'helpers'>,
	credentials: IDataObject,
): { transport: Transport; knownSecrets: string[] } {
	const baseURL = credentialBaseUrl(credentials);
	// Scrubbed from every error message, on top of the pattern-based redaction.
	const knownSecrets = [credentials.apiKey, credentials.bearerToken].filter(
		(value): value is string => typeof value === 'string' && value.length > 0,
	);
	const transport = async (request: ApiRequest): Promise<ApiResponse> => {
		const options = toHttpRequestOptions(baseURL, request);
		// No response at all: classify it for the retry policy; the node boundary turns whatever finally
		// escapes into a NodeApiError (see node-error.ts).
		const response = (await context.helpers.httpRequestWithAuthentication
			.call(context, CREDENTIAL_TYPE, options)
			.catch((error: unknown) =>
				Promise.reject(VideoVectorNetworkError.from(error, `${request.method} ${request.path}`)),
			)) as FullResponse;
		return {
			status: response.statusCode,
			headers: lowerCaseHeaders(response.headers),
			body: response.body,
		};
	};
	return { transport, knownSecrets };
}

export function toHttpRequestOptions(baseURL: string, request: ApiRequest): IHttpRequestOptions {
	const headers: IDataObject = { Accept: 'application/json', ...(request.headers ?? {}) };
	if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
	return {
		baseURL,
		url: request.path,
		// n8n has no OPTIONS; the contract never needs it.
		method: request.method as IHttpRequestMethods,
		qs: compactQuery(request.query),
		arrayFormat: 'repeat',
		headers,
		...bodyOptions(request.body, headers),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: NODE_REQUEST_TIMEOUT_MS,
	};
}

/**
 * n8n's helper drops an empty-object body before it reaches the wire (backend-network
 * `convertN8nRequestToAxios` only sends non-empty objects or strings), yet the API needs a real `{}`
 * where docs/api/conventions.md#request-conventions says so: send it as the JSON text, with its content type said explicitly.
 */
function bodyOptions(body: unknown, headers: IDataObject): Pick<IHttpRequestOptions, 'body'> {
	if (body === undefined) return {};
	if (isEmptyPlainObject(body)) {
		headers['Content-Type'] = 'application/json';
		return { body: '{}' };
	}
	return { body: body as IDataObject };
}

function isEmptyPlainObject(value: unknown): boolean {
	return (
		typeof value === 'object' &&
		value !== null &&
		Object.getPrototypeOf(value) === Object.prototype &&
		Object.keys(value).length === 0
	);
}

function compactQuery(query: Record<string, QueryValue> | undefined): IDataObject | undefined {
	if (!query) return undefined;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === null) continue;
		if (Array.isArray(value) && value.length === 0) continue;
		out[key] = value;
	}
	return out;
}

export function lowerCaseHeaders(headers: FullResponse['headers']): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (value !== undefined)
			out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}
