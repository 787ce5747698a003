import type { Readable } from 'node:stream';

import { parseApiError } from '../http/api-error';
import type { QueryValue } from '../http/types';
import {
	buildUrl,
	checkConfig,
	configSecrets,
	defaultHeaders,
	type UndiciClientConfig,
} from './client-config';
import { flattenHeaders, rawRequest, readApiResponse } from './raw-request';

export type DownloadRequest =
	/** An API path, sent with the configured credentials (e.g. `/exports/{id}/download`, `/videos/{id}/gif`). */
	| { path: string; query?: Record<string, QueryValue>; headers?: Record<string, string> }
	/**
	 * An absolute URL that carries its own authorisation (a minted `?token=` export URL or a media
	 * grant, docs/api/conventions.md#workflow-surface, docs/api/conventions.md#exports): fetched WITHOUT credential headers so they never travel to another origin.
	 */
	| { url: string; headers?: Record<string, string> };

export interface DownloadResponse {
	status: number;
	headers: Record<string, string>;
	/** The bytes as they arrive; undici fails this stream if it ends short of Content-Length. */
	body: Readable;
}

interface Target {
	url: string;
	withAuth: boolean;
	label: string;
	secrets: string[];
}

function target(config: UndiciClientConfig, download: DownloadRequest): Target {
	if ('url' in download) {
		const url = new URL(download.url);
		if (url.protocol !== 'http:' && url.protocol !== 'https:')
			throw new TypeError('Download URL must be http(s)');
		// The query holds the grant (a token): keep it out of labels and scrub it from error bodies.
		const querySecrets = [...url.searchParams.values()];
		return {
			url: download.url,
			withAuth: false,
			label: `GET ${url.origin}${url.pathname}`,
			secrets: querySecrets,
		};
	}
	const url = buildUrl(config.baseUrl, download.path, download.query);
	return { url, withAuth: true, label: `GET ${download.path}`, secrets: configSecrets(config) };
}

/**
 * Starts a streaming download. A 2xx resolves with the body still unread; any other status is
 * read (it is a small error body) and thrown as `VideoVectorApiError`. Redirects are not followed.
 */
export async function downloadStream(
	config: UndiciClientConfig,
	download: DownloadRequest,
): Promise<DownloadResponse> {
	checkConfig(config);
	const { url, withAuth, label, secrets } = target(config, download);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(download.headers ?? {}))
		headers[name.toLowerCase()] = value;
	Object.assign(headers, defaultHeaders(config, withAuth), { accept: '*/*' });
	const response = await rawRequest(config, { method: 'GET', url, headers, label });
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw parseApiError(await readApiResponse(response, label), { knownSecrets: secrets });
	}
	return {
		status: response.statusCode,
		headers: flattenHeaders(response.headers),
		body: response.body,
	};
}
