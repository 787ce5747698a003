/** Production base URL (docs/api/conventions.md#base-url: three code sources agree on it). */
export const DEFAULT_BASE_URL = 'https://api.vectormethods.com/api/v2';

/** Hosts where plain http:// never leaves the machine: localhost, 127.0.0.0/8 and ::1 (as URL spells them). */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export interface BaseUrlOptions {
	/** The credential's "Allow Insecure HTTP" switch: plain http:// to a host off this machine. */
	allowInsecureHttp?: boolean;
}

/**
 * Validates and normalises a configured base URL (docs/api/conventions.md#base-url): http(s) only, no userinfo, query or
 * fragment, must end in `/api/v2`; a trailing slash is stripped. Plain http:// is accepted only on
 * loopback unless explicitly allowed, because the API key would otherwise cross the network in
 * clear. Throws with a message that names the problem, never echoing credentials that a user may
 * have pasted into the URL.
 */
export function normalizeBaseUrl(raw: string, options: BaseUrlOptions = {}): string {
	const trimmed = raw.trim().replace(/\/+$/, '');
	if (!URL.canParse(trimmed)) throw new Error('Base URL is not a valid URL');
	const url = new URL(trimmed);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new Error('Base URL must use http or https');
	}
	if (
		url.protocol === 'http:' &&
		!LOOPBACK_HOST.test(url.hostname) &&
		options.allowInsecureHttp !== true
	) {
		throw new Error(
			'Base URL must use https unless it is on this machine (localhost, 127.0.0.1, ::1); turn on "Allow Insecure HTTP" in the credential to send the API key over plain http',
		);
	}
	if (url.username || url.password)
		throw new Error('Base URL must not contain a user name or password');
	if (url.search || url.hash) throw new Error('Base URL must not contain a query or fragment');
	if (!url.pathname.endsWith('/api/v2')) throw new Error('Base URL must end in /api/v2');
	return `${url.origin}${url.pathname}`;
}

/** The normalised base URL of a VideoVector API credential (its Base URL and Allow Insecure HTTP fields). */
export function credentialBaseUrl(credentials: {
	baseUrl?: unknown;
	allowInsecureHttp?: unknown;
}): string {
	return normalizeBaseUrl(String(credentials.baseUrl ?? ''), {
		allowInsecureHttp: credentials.allowInsecureHttp === true,
	});
}
