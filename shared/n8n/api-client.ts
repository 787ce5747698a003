import type { IDataObject, INode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { paginate, type PaginateOptions } from '../http/pagination';
import { sendWithRetries } from '../http/send-with-retries';
import type { ApiRequest, ApiResponse } from '../http/types';
import { createN8nTransport, type N8nHttpContext } from './n8n-transport';
import { toNodeError } from './node-error';

export interface N8nApiContext extends N8nHttpContext {
	getNode(): INode;
}

/** What operations, load-options methods and triggers call: retries, paging and n8n errors built in. */
export interface NodeApiClient {
	/** Sends with the shared retry policy; resolves the parsed body of a 2xx, throws a NodeApiError otherwise. */
	request<T = unknown>(request: ApiRequest): Promise<T>;
	/** Same, keeping status and headers (downloads, 202 vs 200, request ids). */
	send(request: ApiRequest): Promise<ApiResponse>;
	/** Streams a paginated list page by page (never all pages first). */
	pages(request: ApiRequest, options?: PaginateOptions): AsyncGenerator<unknown[]>;
}

/** Waits through n8n-workflow's `sleep` (community nodes may not touch timers themselves). */
export const retryPolicy = { sleep: (ms: number) => sleep(ms), random: Math.random, now: Date.now };

/** The client over a credential already read (see ApiSession, which reads it once per item). */
export function nodeApiClient(
	context: Omit<N8nApiContext, 'getCredentials'>,
	credentials: IDataObject,
	itemIndex = 0,
): NodeApiClient {
	const { transport, knownSecrets } = createN8nTransport(context, credentials);
	const send = async (request: ApiRequest): Promise<ApiResponse> =>
		await sendWithRetries(transport, request, { ...retryPolicy, knownSecrets }).catch(
			(error: unknown) => Promise.reject(toNodeError(context.getNode(), error, itemIndex)),
		);
	return {
		send,
		async request<T>(request: ApiRequest): Promise<T> {
			return (await send(request)).body as T;
		},
		async *pages(request: ApiRequest, options?: PaginateOptions): AsyncGenerator<unknown[]> {
			const pages = paginate(send, request, options);
			for (;;) {
				const next = await pages
					.next()
					.catch((error: unknown) =>
						Promise.reject(toNodeError(context.getNode(), error, itemIndex)),
					);
				if (next.done) return;
				yield next.value;
			}
		},
	};
}
