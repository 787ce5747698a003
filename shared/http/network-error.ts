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

	/** Wraps what a transport rejected with; `context` (e.g. `GET /indexes`) prefixes the message. */
	static from(error: unknown, context?: string): VideoVectorNetworkError {
		if (error instanceof VideoVectorNetworkError) return error;
		const detail =
			(error instanceof Error ? error.message : String(error)) || 'network request failed';
		const code: NetworkErrorCode = isTimeout(error) ? 'timeout_error' : 'network_error';
		return new VideoVectorNetworkError(
			context ? `${context}: ${detail}` : detail,
			code,
			codeOf(error),
		);
	}
}

const TIMEOUT_CODES = new Set([
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNABORTED',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);

/** Timeouts are reported separately (`timeout_error`, as the official clients do) because the fix differs. */
function isTimeout(error: unknown): boolean {
	const code = codeOf(error);
	if (code !== undefined && TIMEOUT_CODES.has(code)) return true;
	return (
		error instanceof Error &&
		(error.name === 'TimeoutError' || /\btimed? ?out\b/i.test(error.message))
	);
}

function codeOf(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const code = (error as { code?: unknown }).code;
	return typeof code === 'string' ? code : undefined;
}

/** Wraps whatever a transport rejected with, keeping an existing network error as is. */
export function toNetworkError(error: unknown): VideoVectorNetworkError {
	return VideoVectorNetworkError.from(error);
}
