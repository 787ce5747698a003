/** Ceiling for any single wait, matching the SDK's VIDEO_VECTOR_MAX_RETRY_DELAY default (docs/api/conventions.md#base-url, docs/api/conventions.md#client-retries). */
export const MAX_RETRY_DELAY_MS = 300_000;

const DELTA_SECONDS = /^\d+(?:\.\d+)?$/;
/** IMF-fixdate and the two obsolete HTTP-date forms all name a weekday; ISO dates are not HTTP-dates. */
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /i;

/**
 * Converts a `Retry-After` header (delta-seconds or HTTP-date, RFC 9110 §10.2.3) into a wait in
 * milliseconds, clamped to `[0, maxMs]`. Returns undefined when the header is absent or unreadable,
 * so the caller falls back to its own backoff.
 */
export function parseRetryAfter(
	headerValue: string | null | undefined,
	nowMs: number,
	maxMs: number = MAX_RETRY_DELAY_MS,
): number | undefined {
	if (headerValue === null || headerValue === undefined) return undefined;
	const value = headerValue.trim();
	if (value === '') return undefined;
	let waitMs: number;
	if (DELTA_SECONDS.test(value)) {
		waitMs = Math.ceil(Number(value) * 1000);
	} else if (HTTP_DATE.test(value)) {
		const at = Date.parse(value);
		if (Number.isNaN(at)) return undefined;
		waitMs = at - nowMs;
	} else {
		return undefined;
	}
	return Math.min(Math.max(waitMs, 0), maxMs);
}

/** `retry_after` from an error body (integer seconds, docs/api/conventions.md#error-bodies) as clamped milliseconds. */
export function retryAfterSecondsToMs(
	seconds: unknown,
	maxMs: number = MAX_RETRY_DELAY_MS,
): number | undefined {
	if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) {
		return Math.min(Math.ceil(seconds * 1000), maxMs);
	}
	if (typeof seconds === 'string' && DELTA_SECONDS.test(seconds.trim())) {
		return retryAfterSecondsToMs(Number(seconds.trim()), maxMs);
	}
	return undefined;
}
