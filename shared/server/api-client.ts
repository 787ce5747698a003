import { setTimeout as delay } from 'node:timers/promises';

import { Agent, type Dispatcher } from 'undici';

import { endpointRequest, type EndpointRequestOptions } from '../contract/endpoint-request';
import type { EndpointKey } from '../contract/endpoints';
import { parseApiError } from '../http/api-error';
import { collectAll, paginate, type PaginateOptions } from '../http/pagination';
import { sendWithRetries, type RetryEvent } from '../http/send-with-retries';
import type { ApiRequest, ApiResponse } from '../http/types';
import { configSecrets, type UndiciClientConfig } from './client-config';
import { downloadStream, type DownloadRequest, type DownloadResponse } from './download';
import { uploadMultipart, type UploadRequest } from './upload';
import { createUndiciTransport } from './undici-transport';

export interface ApiClientOptions extends UndiciClientConfig {
	maxRetries?: number;
	onRetry?: (event: RetryEvent) => void;
	/** Injected for reproducible jitter in benchmarks; default Math.random. */
	random?: () => number;
}

/** A ready-to-use Node client for tests and benchmarks: retries with real timers, paging, streaming up/downloads. */
export interface ApiClient {
	/** Sends with the retry policy; resolves the 2xx response, throws VideoVectorApiError / VideoVectorNetworkError. */
	send(request: ApiRequest): Promise<ApiResponse>;
	/** `send` and return the body. */
	request<T = unknown>(request: ApiRequest): Promise<T>;
	/** Calls a contract endpoint by key and returns the body, e.g. `call('indexes.get', { params: { index_id } })`. */
	call<K extends EndpointKey>(key: K, options: EndpointRequestOptions<K>): Promise<unknown>;
	paginate<T = unknown>(
		request: ApiRequest,
		options?: PaginateOptions,
	): AsyncGenerator<T[], void, undefined>;
	collectAll<T = unknown>(request: ApiRequest, options?: PaginateOptions): Promise<T[]>;
	/** One attempt (a stream cannot be replayed); non-2xx throws VideoVectorApiError. */
	upload(upload: UploadRequest): Promise<ApiResponse>;
	download(download: DownloadRequest): Promise<DownloadResponse>;
	/** Closes the connection pool this client created (not one passed in as `dispatcher`). */
	close(): Promise<void>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
	const ownDispatcher: Dispatcher | undefined = options.dispatcher ? undefined : new Agent();
	const config: UndiciClientConfig = {
		...options,
		dispatcher: options.dispatcher ?? ownDispatcher,
	};
	const transport = createUndiciTransport(config);
	const knownSecrets = configSecrets(config);
	const policy = {
		maxRetries: options.maxRetries,
		onRetry: options.onRetry,
		sleep: async (ms: number) => {
			await delay(ms);
		},
		random: options.random ?? Math.random,
		now: Date.now,
		knownSecrets,
	};
	const send = (request: ApiRequest) => sendWithRetries(transport, request, policy);
	return {
		send,
		async request<T>(request: ApiRequest): Promise<T> {
			return (await send(request)).body as T;
		},
		async call<K extends EndpointKey>(
			key: K,
			callOptions: EndpointRequestOptions<K>,
		): Promise<unknown> {
			return (await send(endpointRequest(key, callOptions))).body;
		},
		paginate: <T>(request: ApiRequest, pageOptions?: PaginateOptions) =>
			paginate<T>(send, request, pageOptions),
		collectAll: <T>(request: ApiRequest, pageOptions?: PaginateOptions) =>
			collectAll<T>(send, request, pageOptions),
		async upload(upload: UploadRequest): Promise<ApiResponse> {
			const response = await uploadMultipart(config, upload);
			if (response.status < 200 || response.status >= 300)
				throw parseApiError(response, { knownSecrets });
			return response;
		},
		download: (download: DownloadRequest) => downloadStream(config, download),
		async close(): Promise<void> {
			await ownDispatcher?.close();
		},
	};
}
