import type { ApiRequest } from './types';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Each call mints a fresh download credential, so a retry could hand out two live tokens (docs/api/conventions.md#idempotency-keys). */
const NEVER_RETRIED = /^\/exports\/[^/]+\/download-url\/?$/;

/**
 * Whether re-sending `request` after an unknown outcome is safe (docs/api/conventions.md#client-retries): idempotent
 * methods, or a POST/PATCH the server can de-duplicate through its Idempotency-Key.
 */
export function isRetryableRequest(
	request: Pick<ApiRequest, 'method' | 'path' | 'idempotencyKey'>,
): boolean {
	const method = request.method.toUpperCase();
	const path = request.path.split('?', 1)[0] ?? '';
	if (method === 'POST' && NEVER_RETRIED.test(path)) return false;
	if (SAFE_METHODS.has(method)) return true;
	return typeof request.idempotencyKey === 'string' && request.idempotencyKey.trim().length > 0;
}

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/** Rate limits and transient server/gateway failures; every other status is final (docs/api/conventions.md#client-retries, docs/api/conventions.md#status-codes). */
export function isRetryableStatus(status: number): boolean {
	return RETRYABLE_STATUSES.has(status);
}
