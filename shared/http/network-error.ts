import { redact } from './redact';

export type NetworkErrorCode = 'network_error' | 'timeout_error';

/**
 * No HTTP response arrived (connection refused/reset, DNS, TLS, timeout). Retryable for
 * retryable requests. The message is redacted and the original error is NOT kept as `cause`:
 * transport errors can hold request options (headers with credentials) and get printed whole by
 * loggers. Its code (`ECONNREFUSED`, `UND_ERR_SOCKET`, …) is kept for diagnosis.
 */
export class VideoVectorNetworkError extends Error {
	readonly code: NetworkErrorCode;
	readonly causeCode: string | undefined;

	constructor(message: string, code: NetworkErrorCode = 'network_error', causeCode?: string) {
		super(redact(message));
		this.name = 'VideoVectorNetworkError';
		this.code = code;
		this.causeCode = causeCode;
	}
}

function codeOf(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const code = (error as { code?: unknown }).code;
	return typeof code === 'string' ? code : undefined;
}

/** Wraps whatever a transport rejected with, keeping an existing network error as is. */
export function toNetworkError(error: unknown): VideoVectorNetworkError {
	if (error instanceof VideoVectorNetworkError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new VideoVectorNetworkError(message || 'Network request failed', 'network_error', codeOf(error));
}
