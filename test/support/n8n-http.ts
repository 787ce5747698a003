/**
 * What n8n's `helpers.httpRequest` does with the options our nodes use, over real HTTP (undici):
 * baseURL + url joining as axios does, `qs` with repeated array keys, JSON in/out, full responses,
 * ignored status errors, streamed bodies, no redirects. Unit and behaviour tests run operations through
 * this; the e2e suite proves the same code inside a real n8n.
 */
import { Readable } from 'node:stream';

import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { request } from 'undici';

export interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

export function joinUrl(options: IHttpRequestOptions): URL {
	const base = options.baseURL ? options.baseURL.replace(/\/+$/, '') : '';
	const url = new URL(
		base && !/^https?:/.test(options.url)
			? `${base}/${options.url.replace(/^\/+/, '')}`
			: options.url,
	);
	for (const [key, value] of Object.entries(options.qs ?? {})) {
		if (value === undefined || value === null) continue;
		for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
	}
	return url;
}

function isPlainEmptyObject(value: unknown): boolean {
	return (
		typeof value === 'object' &&
		value !== null &&
		Object.getPrototypeOf(value) === Object.prototype &&
		Object.keys(value).length === 0
	);
}

interface BlobShaped {
	size: number;
	type: string;
	stream(): AsyncIterable<Uint8Array>;
}

/**
 * axios (n8n's HTTP client) streams any body tagged `Blob` — real or duck-typed — instead of
 * serialising it: Content-Type from `type` (when it has a size), Content-Length from `size`, bytes
 * from `stream()` piped chunk by chunk (axios lib/adapters/http.js, helpers/readBlob.js). undici
 * would buffer blob-like bodies instead, so they are turned into a stream here as axios does.
 */
function isBlobShaped(body: unknown): body is BlobShaped {
	return (
		Object.prototype.toString.call(body) === '[object Blob]' &&
		typeof (body as BlobShaped).stream === 'function'
	);
}

function encodeBody(options: IHttpRequestOptions, headers: Record<string, string>): unknown {
	const body = options.body as unknown;
	if (body === undefined) return undefined;
	// As n8n's helper (backend-network): an empty object never reaches the wire.
	if (isPlainEmptyObject(body)) return undefined;
	if (isBlobShaped(body)) {
		if (body.size) headers['content-type'] = body.type || 'application/octet-stream';
		headers['content-length'] = String(body.size || 0);
		return Readable.from(body.stream(), { objectMode: false });
	}
	if (body instanceof Readable || Buffer.isBuffer(body) || typeof body === 'string') return body;
	if (typeof FormData !== 'undefined' && body instanceof FormData) return body;
	if (body instanceof URLSearchParams) return body.toString();
	if (options.json || typeof body === 'object') {
		headers['content-type'] ??= 'application/json';
		return JSON.stringify(body);
	}
	return body;
}

export async function performHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries((options.headers ?? {}) as IDataObject)) {
		if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
	}
	const body = encodeBody(options, headers);
	const response = await request(joinUrl(options), {
		method: (options.method ?? 'GET') as 'GET',
		headers,
		body: body as string | undefined,
		headersTimeout: options.timeout,
		bodyTimeout: options.timeout,
		signal: options.abortSignal as AbortSignal | undefined,
	});
	let parsed: unknown;
	if (options.encoding === 'stream') {
		parsed = Readable.from(response.body);
	} else if (options.encoding === 'arraybuffer') {
		parsed = Buffer.from(await response.body.arrayBuffer());
	} else {
		const text = await response.body.text();
		parsed = text;
		if (text && (options.json || /json/.test(String(response.headers['content-type'] ?? '')))) {
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = text;
			}
		}
		if (text === '') parsed = options.json ? undefined : '';
	}
	const ignore = options.ignoreHttpStatusErrors === true;
	if (!ignore && response.statusCode >= 400) {
		const error = new Error(`Request failed with status code ${response.statusCode}`) as Error & {
			response: FullResponse;
		};
		error.response = { statusCode: response.statusCode, headers: response.headers, body: parsed };
		throw error;
	}
	if (options.returnFullResponse) {
		return {
			statusCode: response.statusCode,
			headers: response.headers,
			body: parsed,
		} satisfies FullResponse;
	}
	return parsed;
}
