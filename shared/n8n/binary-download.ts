import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialBaseUrl } from '../contract/base-url';
import { VideoVectorNetworkError } from '../http/api-error';
import { redact } from '../http/redact';
import { sendWithRetries } from '../http/send-with-retries';
import type { ApiRequest, ApiResponse } from '../http/types';
import { nodeApiClient, retryPolicy, type N8nApiContext } from './api-client';
import type { ApiSession } from './api-session';
import { lowerCaseHeaders, NODE_REQUEST_TIMEOUT_MS, type FullResponse } from './n8n-transport';
import { toNodeError } from './node-error';
import { readErrorBody } from './stream-error-body';

/** Path segments this long are treated as possible tokens and scrubbed from error messages. */
const MIN_PATH_TOKEN_LENGTH = 12;

function isSuccess(status: number): boolean {
	return status >= 200 && status < 300;
}

/**
 * The node's context with one change: responses come back as streams (`encoding: 'stream'`), so a
 * download is never buffered by the HTTP layer. Error answers are still read and parsed, so the
 * shared policy retries and reports them exactly as for JSON calls.
 */
function streamingContext(context: IExecuteFunctions): Omit<N8nApiContext, 'getCredentials'> {
	return {
		getNode: () => context.getNode(),
		helpers: {
			async httpRequestWithAuthentication(credentialsType: string, options: IHttpRequestOptions) {
				const response = (await context.helpers.httpRequestWithAuthentication.call(
					context,
					credentialsType,
					{
						...options,
						encoding: 'stream',
						json: false,
					},
				)) as FullResponse;
				return isSuccess(response.statusCode)
					? response
					: { ...response, body: await readErrorBody(response.body) };
			},
		},
	};
}

/**
 * An authenticated API download (GIF, thumbnail, export artifact): the 2xx response with its body as
 * a stream. Retries (GET only) happen before any byte is handed on, never in the middle of a body.
 */
export async function fetchApiBinary(
	session: ApiSession<IExecuteFunctions>,
	request: ApiRequest,
): Promise<ApiResponse> {
	const { context, itemIndex } = session;
	const client = nodeApiClient(streamingContext(context), await session.credentials(), itemIndex);
	return await client.send(request);
}

/** The API origin of the configured credential, to resolve a relative URL the API handed out. */
async function apiOrigin(session: ApiSession): Promise<string> {
	const credentials = await session.credentials();
	return new URL(credentialBaseUrl(credentials)).origin;
}

/** Absolute http(s) URL for a minted/granted link; relative links are resolved against the API origin. */
export async function resolveDownloadUrl(
	session: ApiSession<IExecuteFunctions>,
	raw: unknown,
): Promise<URL> {
	const { context, itemIndex } = session;
	const text = typeof raw === 'string' ? raw.trim() : '';
	const refuse = (message: string) =>
		new NodeOperationError(context.getNode(), message, { itemIndex });
	if (!text) throw refuse('The API returned no download URL');
	const url = URL.canParse(text) ? new URL(text) : new URL(text, await apiOrigin(session));
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		throw refuse('The download URL does not use http or https');
	return url;
}

/**
 * Fetches a short-lived download URL (media grant, minted export link) the way docs/api/conventions.md#workflow-surface asks:
 * through n8n's plain `httpRequest`, so neither X-API-Key nor Authorization is attached, and with
 * credentials never forwarded on a cross-origin redirect. The URL is itself the secret: it is left
 * out of every error message, and its query values and token-like path segments are scrubbed
 * from whatever the server or the network layer says.
 */
export async function fetchWithoutCredentials(
	context: IExecuteFunctions,
	itemIndex: number,
	url: URL,
): Promise<ApiResponse> {
	// Tokens may sit in the query (signed URLs) or in the path (`/_media/{token}`): neither is shown.
	const label = `GET ${url.origin} (download link)`;
	const pathTokens = url.pathname
		.split('/')
		.filter((segment) => segment.length >= MIN_PATH_TOKEN_LENGTH);
	const knownSecrets = [...url.searchParams.values(), ...pathTokens].filter(
		(value) => value.length > 0,
	);
	const send = async (): Promise<ApiResponse> => {
		const response = (await context.helpers
			.httpRequest({
				url: url.href,
				method: 'GET',
				headers: { Accept: '*/*' },
				encoding: 'stream',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				sendCredentialsOnCrossOriginRedirect: false,
				timeout: NODE_REQUEST_TIMEOUT_MS,
			})
			.catch((error: unknown) =>
				Promise.reject(scrubbed(VideoVectorNetworkError.from(error, label), knownSecrets)),
			)) as FullResponse;
		const body = isSuccess(response.statusCode)
			? response.body
			: await readErrorBody(response.body);
		return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body };
	};
	return await sendWithRetries(
		send,
		{ method: 'GET', path: label },
		{ ...retryPolicy, knownSecrets },
	).catch((error: unknown) => Promise.reject(toNodeError(context.getNode(), error, itemIndex)));
}

/** The network error with the link's tokens removed (its message may quote the URL). */
function scrubbed(
	error: VideoVectorNetworkError,
	secrets: readonly string[],
): VideoVectorNetworkError {
	return new VideoVectorNetworkError(redact(error.message, secrets), error.code, error.causeCode);
}
