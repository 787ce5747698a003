import { parseApiError, type ParseApiErrorOptions, type VideoVectorApiError } from './api-error';
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

type Outcome =
	| { ok: true; response: ApiResponse }
	| {
			ok: false;
			error: VideoVectorApiError | VideoVectorNetworkError;
			transient: boolean;
			serverDelayMs?: number;
	  };

/** One try; never throws, so the retry loop below reads as the policy it implements. */
async function attempt(
	transport: Transport,
	request: ApiRequest,
	errorOptions: ParseApiErrorOptions,
): Promise<Outcome> {
	let response: ApiResponse;
	try {
		response = await transport(request);
	} catch (error) {
		return { ok: false, error: toNetworkError(error), transient: true };
	}
	if (response.status >= 200 && response.status < 300) return { ok: true, response };
	const error = parseApiError(response, errorOptions);
	return {
		ok: false,
		error,
		transient: isRetryableStatus(response.status),
		serverDelayMs: error.retryAfterMs,
	};
}

/**
 * Sends `request`, retrying only what docs/api/conventions.md#client-retries allows, and returns the 2xx response.
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
	const maxDelayMs = options.maxRetryDelayMs ?? MAX_RETRY_DELAY_MS;
	const retryable = isRetryableRequest(request);
	const errorOptions: ParseApiErrorOptions = {
		now: options.now,
		knownSecrets: options.knownSecrets ?? [],
	};
	for (let retry = 0; ; retry++) {
		const outcome = await attempt(transport, request, errorOptions);
		if (outcome.ok) return outcome.response;
		if (!retryable || !outcome.transient || retry >= maxRetries) throw outcome.error;
		const backoff = () =>
			backoffDelay(retry, options.random, { maxMs: maxDelayMs, ...options.backoff });
		const delayMs = Math.min(outcome.serverDelayMs ?? backoff(), maxDelayMs);
		options.onRetry?.({
			retry: retry + 1,
			delayMs,
			error: outcome.error,
			method: request.method,
			path: request.path,
		});
		await options.sleep(delayMs);
	}
}
