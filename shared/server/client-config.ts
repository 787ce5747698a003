import type { Dispatcher } from 'undici';

import type { QueryValue } from '../http/types';

/** How to reach and authenticate to the API from Node (tests, benchmarks, emulator clients, receiver). */
export interface UndiciClientConfig {
	/** Base URL including `/api/v2`, e.g. `http://127.0.0.1:4010/api/v2`; a trailing slash is ignored. */
	baseUrl: string;
	/** Sent as `X-API-Key`. */
	apiKey?: string;
	/** Sent as `Authorization: Bearer …` (JWT-only routes such as `/api-keys`). */
	bearerToken?: string;
	userAgent?: string;
	/** Per-request ceiling for waiting on headers and between body chunks. Default 60 s (SDK default, docs/api/conventions.md#client-retries). */
	timeoutMs?: number;
	dispatcher?: Dispatcher;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_USER_AGENT = 'n8n-nodes-videovector-kit';

/**
 * Rejects configurations the API would answer ambiguously: with both credentials `X-API-Key` wins
 * (docs/api/conventions.md#authentication-and-scopes), so a bearer token meant for a JWT-only route would silently not be used.
 */
export function checkConfig(config: UndiciClientConfig): void {
	if (config.apiKey && config.bearerToken) {
		throw new TypeError('Configure either apiKey or bearerToken, not both');
	}
	const url = new URL(config.baseUrl);
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new TypeError('baseUrl must be http(s)');
	if (url.username || url.password || url.search || url.hash) {
		throw new TypeError('baseUrl must not contain credentials, a query or a fragment');
	}
}

/** Joins base URL, an API path and a query (arrays as repeated keys, null/undefined omitted, docs/api/conventions.md#request-conventions). */
export function buildUrl(
	baseUrl: string,
	path: string,
	query?: Record<string, QueryValue>,
): string {
	if (!path.startsWith('/') || path.startsWith('//') || path.includes('://')) {
		throw new TypeError('API paths must be relative to the base URL and start with a single "/"');
	}
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query ?? {})) {
		if (value === null || value === undefined) continue;
		for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
	}
	const search = params.toString();
	return `${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}

/** Credential and identification headers; none when `withAuth` is false (minted download URLs, docs/api/conventions.md#workflow-surface, docs/api/conventions.md#exports). */
export function defaultHeaders(
	config: UndiciClientConfig,
	withAuth = true,
): Record<string, string> {
	const headers: Record<string, string> = {
		accept: 'application/json',
		'user-agent': config.userAgent ?? DEFAULT_USER_AGENT,
	};
	if (withAuth && config.apiKey) headers['x-api-key'] = config.apiKey;
	if (withAuth && config.bearerToken) headers.authorization = `Bearer ${config.bearerToken}`;
	return headers;
}

/** Secrets this configuration holds, so errors can scrub them even in unexpected formats. */
export function configSecrets(config: UndiciClientConfig): string[] {
	return [config.apiKey, config.bearerToken].filter(
		(value): value is string => typeof value === 'string' && value !== '',
	);
}
