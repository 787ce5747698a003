import { parseApiError, type VideoVectorApiError } from './api-error';
import { backoffDelay, type BackoffOptions } from './backoff';
import { toNetworkError, type VideoVectorNetworkError } from './network-error';
import { MAX_RETRY_DELAY_MS } from './retry-after';
import { isRetryableRequest, isRetryableStatus } from './retry-policy';
import type { ApiRequest, ApiResponse, Sleep, Transport } from './types';

export const DEFAULT_MAX_RETRIES = 3;

export interface RetryEvent {
	/** 1 for the first retry. */
	retry: number;
	delayMs: number;
	/** The failure that triggered this retry (already redacted). */
	error: VideoVectorApiError | VideoVectorNetworkError;
	method: string;
	path: string;
}

export interface SendWithRetriesOptions {
	maxRetries?: number;
	sleep: Sleep;
	random: () => number;
	now: () => number;
	onRetry?: (event: RetryEvent) => void;
	backoff?: BackoffOptions;
	/** Ceiling for one wait, server-requested or not. Default 300 s. */
	maxRetryDelayMs?: number;
	/** Exact secret values to scrub from error messages (e.g. the configured API key). */
	knownSecrets?: readonly string[];
}

function isSuccess(status: number): boolean {
	return status >= 200 && status < 300;
}

/**
 * Sends `request`, retrying only what contract §3.2 allows, and returns the 2xx response.
 *
 * The wait is the server's (Retry-After header, else the body's `error.retry_after`) when it gave
 * one, otherwise exponential backoff with jitter. After the last attempt the typed error is thrown:
 * `VideoVectorApiError` for an HTTP answer, `VideoVectorNetworkError` when none arrived.
 */
export async function sendWithRetries(
	transport: Transport,
	request: ApiRequest,
	options: SendWithRetriesOptions,
): Promise<ApiResponse> {
	const maxRetries = Math.max(0, options.maxRetries ?? DEFAULT_MAX_RETRIES);
	const maxDelay = options.maxRetryDelayMs ?? MAX_RETRY_DELAY_MS;
	const retryable = isRetryableRequest(request);
	const errorOptions = { now: options.now, knownSecrets: options.knownSecrets };
	for (let retry = 0; ; retry++) {
		let failure: VideoVectorApiError | VideoVectorNetworkError;
		let serverDelay: number | undefined;
		try {
			const response = await transport(request);
			if (isSuccess(response.status)) return response;
			const apiError = parseApiError(response, errorOptions);
			if (!retryable || !isRetryableStatus(response.status) || retry >= maxRetries) throw apiError;
			failure = apiError;
			serverDelay = apiError.retryAfterMs;
		} catch (error) {
			if (failure! === undefined && !isTransportFailure(error)) throw error;
			if (failure! === undefined) {
				const networkError = toNetworkError(error);
				if (!retryable || retry >= maxRetries) throw networkError;
				failure = networkError;
			}
		}
		const delayMs = Math.min(serverDelay ?? backoffDelay(retry, options.random, { maxMs: maxDelay, ...options.backoff }), maxDelay);
		options.onRetry?.({ retry: retry + 1, delayMs, error: failure, method: request.method, path: request.path });
		await options.sleep(delayMs);
	}
}
