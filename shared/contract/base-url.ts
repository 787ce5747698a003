/** Production base URL (docs/api/conventions.md#base-url: three code sources agree on it). */
export const DEFAULT_BASE_URL = 'https://api.vectormethods.com/api/v2';

/**
 * Validates and normalises a configured base URL (docs/api/conventions.md#base-url): http(s) only, no userinfo, query or
 * fragment, must end in `/api/v2`; a trailing slash is stripped. Throws with a message that names the
 * problem, never echoing credentials that a user may have pasted into the URL.
 */
export function normalizeBaseUrl(raw: string): string {
	const trimmed = raw.trim().replace(/\/+$/, '');
	if (!URL.canParse(trimmed)) throw new Error('Base URL is not a valid URL');
	const url = new URL(trimmed);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new Error('Base URL must use http or https');
	}
	if (url.username || url.password) throw new Error('Base URL must not contain a user name or password');
	if (url.search || url.hash) throw new Error('Base URL must not contain a query or fragment');
	if (!url.pathname.endsWith('/api/v2')) throw new Error('Base URL must end in /api/v2');
	return `${url.origin}${url.pathname}`;
}
