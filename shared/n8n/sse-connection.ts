import type { IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { sendWithRetries } from '../http/send-with-retries';
import type { ApiRequest, ApiResponse, Transport } from '../http/types';
import { retryPolicy } from './api-client';
import type { ApiSession } from './api-session';
import { createN8nTransport, type N8nHttpContext } from './n8n-transport';
import { toNodeError } from './node-error';

/** The open body of an event stream: async-iterable chunks, destroyable to drop the socket early. */
export type SseBody = AsyncIterable<Uint8Array | string> & { destroy?: (error?: Error) => void };

/** Error bodies of a refused stream are small JSON documents; read no more than this of them. */
const MAX_ERROR_BODY_CHARS = 64 * 1024;

/**
 * Opens a Server-Sent Events stream through n8n (`httpRequestWithAuthentication` with
 * `encoding: 'stream'`), so credentials, proxies and n8n's request rules apply as for every other
 * call. The shared retry policy covers the connect (429/5xx, network errors: a GET is safe to
 * resend); a final refusal becomes the same NodeApiError as any API call, with the error body read
 * from the stream. `signal` aborts the connection at any point, which is how readers close it.
 *
 * Usable from any n8n context that has credentials and the HTTP helper (execute, trigger, poll).
 */
export async function openSseStream(
	session: ApiSession,
	request: ApiRequest,
	signal: AbortSignal,
): Promise<SseBody> {
	const { context, itemIndex } = session;
	const streamingContext: Pick<N8nHttpContext, 'helpers'> = {
		helpers: {
			async httpRequestWithAuthentication(type: string, options: IHttpRequestOptions) {
				const streamOptions: IHttpRequestOptions = {
					...options,
					encoding: 'stream',
					json: false,
					abortSignal: signal,
				};
				return await context.helpers.httpRequestWithAuthentication.call(
					context,
					type,
					streamOptions,
				);
			},
		},
	};
	const { transport, knownSecrets } = createN8nTransport(
		streamingContext,
		await session.credentials(),
	);
	const sseRequest: ApiRequest = {
		...request,
		headers: { ...request.headers, Accept: 'text/event-stream' },
	};
	const response = await sendWithRetries(readErrorBodies(transport), sseRequest, {
		...retryPolicy,
		// A retry wait ends early when the reader gives up (time limit, cancelled execution).
		sleep: async (ms) => await sleep(ms, signal),
		knownSecrets,
	}).catch((error: unknown) => Promise.reject(toNodeError(context.getNode(), error, itemIndex)));
	return response.body as SseBody;
}

/** Non-2xx answers arrive as streams too: read and parse them so the error names what the API said. */
function readErrorBodies(transport: Transport): Transport {
	return async (request) => {
		const response = await transport(request);
		if (response.status >= 200 && response.status < 300) return response;
		return { ...response, body: await readErrorBody(response) };
	};
}

async function readErrorBody(response: ApiResponse): Promise<unknown> {
	const body = response.body;
	if (!isAsyncIterable(body)) return body;
	const decoder = new TextDecoder();
	let text = '';
	for await (const chunk of body) {
		text +=
			typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
		if (text.length > MAX_ERROR_BODY_CHARS) break;
	}
	if (!text.trim()) return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
	return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
