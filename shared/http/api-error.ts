import { extractErrorFields } from './error-body';
import { redact, redactDeep, truncate } from './redact';
import { parseRetryAfter, retryAfterSecondsToMs } from './retry-after';
import type { ApiResponse } from './types';

// Callers expect every error type of the HTTP layer from this one module.
export { VideoVectorNetworkError, type NetworkErrorCode } from './network-error';
export { VideoVectorClientError } from './client-error';

/** Longest message kept from a body; HTML error pages from proxies can be huge. */
export const MAX_ERROR_MESSAGE_LENGTH = 1000;

export interface ApiErrorInit {
	status: number;
	code: string;
	message: string;
	field?: string;
	requestId?: string;
	retryAfterMs?: number;
	details?: unknown;
}

/**
 * A non-2xx answer from the API. Everything on it is already redacted, so it is safe to show to
 * users and to log; it carries no request object (those hold credentials).
 */
export class VideoVectorApiError extends Error {
	readonly status: number;
	/** API code (`authorization_insufficient_scope`, …) or `http_<status>` when the body has none. */
	readonly code: string;
	/** The offending request field, when the API names one (validation errors). */
	readonly field: string | undefined;
	/** `request_id` from the body, else the `X-Request-ID` / `X-Correlation-ID` header. */
	readonly requestId: string | undefined;
	/** Server-requested wait (Retry-After header, else `error.retry_after`), clamped to 300 s. */
	readonly retryAfterMs: number | undefined;
	readonly details: unknown;

	constructor(init: ApiErrorInit) {
		// Redacted again here so errors built directly (not via parseApiError) are safe too.
		super(redact(init.message));
		this.name = 'VideoVectorApiError';
		this.status = init.status;
		this.code = init.code;
		this.field = init.field;
		this.requestId = init.requestId;
		this.retryAfterMs = init.retryAfterMs;
		this.details = init.details;
	}
}

export interface ParseApiErrorOptions {
	/** Clock for HTTP-date Retry-After values. */
	now?: () => number;
	/** Exact secret values to scrub in addition to the built-in patterns (e.g. the configured API key). */
	knownSecrets?: readonly string[];
}

function defaultMessage(status: number): string {
	return `Request failed with HTTP status ${status}`;
}

/** Builds the typed error for a non-2xx response, whatever shape its body has (docs/api/conventions.md#error-bodies). */
export function parseApiError(
	response: ApiResponse,
	options: ParseApiErrorOptions = {},
): VideoVectorApiError {
	const secrets = options.knownSecrets ?? [];
	const fields = extractErrorFields(response.body);
	const headers = response.headers;
	const now = options.now ?? Date.now;
	const rawMessage = fields.message ?? defaultMessage(response.status);
	const field = fields.field === undefined ? undefined : redact(fields.field, secrets);
	return new VideoVectorApiError({
		status: response.status,
		code: fields.code ?? `http_${response.status}`,
		message: redact(truncate(rawMessage, MAX_ERROR_MESSAGE_LENGTH), secrets),
		field,
		requestId: fields.requestId ?? headers['x-request-id'] ?? headers['x-correlation-id'],
		retryAfterMs:
			parseRetryAfter(headers['retry-after'], now()) ??
			retryAfterSecondsToMs(fields.retryAfterSeconds),
		details: fields.details === undefined ? undefined : redactDeep(fields.details, secrets),
	});
}

export function isVideoVectorApiError(error: unknown): error is VideoVectorApiError {
	return error instanceof VideoVectorApiError;
}
