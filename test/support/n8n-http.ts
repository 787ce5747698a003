/**
 * What n8n's `helpers.httpRequest` (n8n 2.41, @n8n/backend-network over axios) does with the options
 * our nodes use, over real HTTP (undici): baseURL + url joining as axios does; the query serialised
 * by `qs` with the request's `arrayFormat`, or n8n's default `indices` (`ids[0]=a`); bodies dropped
 * as n8n drops them (falsy, an empty object or array, anything on a GET); JSON answers parsed as
 * axios does (any text that parses); full responses; ignored status errors; streamed bodies;
 * redirects followed (up to axios's 21) unless `disableFollowRedirect` or `maxRedirects` say
 * otherwise. Unit and behaviour tests run operations through this;
 * test/e2e/stand-in-parity proves it sends what the real n8n sends.
 */
import { Readable } from 'node:stream';

import { type IDataObject, type IHttpRequestOptions, isObjectEmpty } from 'n8n-workflow';
import { stringify } from 'qs';
import { Agent, interceptors, request } from 'undici';

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
	// As n8n's axios defaults: qs, `indices` unless the request names its array format.
	const query = stringify(options.qs ?? {}, { arrayFormat: options.arrayFormat ?? 'indices' });
	if (query) url.search = url.search ? `${url.search}&${query}` : `?${query}`;
	return url;
}

/** The body n8n puts on the wire, or undefined where it sends none (backend-network `httpRequest`). */
function wireBody(options: IHttpRequestOptions): unknown {
	if ((options.method ?? 'GET').toUpperCase() === 'GET') return undefined;
	const body = options.body as unknown;
	if (!body) return undefined;
	if (typeof body === 'object' && isObjectEmpty(body)) return undefined;
	return body;
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
	const body = wireBody(options);
	if (body === undefined) return undefined;
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

/** axios (follow-redirects) follows up to 21 redirects unless told otherwise. */
const AXIOS_MAX_REDIRECTS = 21;

const dispatchers = new Map<number, Agent>();

/** One agent per redirect limit, following redirects as axios does (0: none). */
function dispatcherFor(options: IHttpRequestOptions): Agent | undefined {
	const max =
		options.disableFollowRedirect === true ? 0 : (options.maxRedirects ?? AXIOS_MAX_REDIRECTS);
	if (max === 0) return undefined;
	let agent = dispatchers.get(max);
	if (!agent) {
		agent = new Agent().compose(interceptors.redirect({ maxRedirections: max })) as Agent;
		dispatchers.set(max, agent);
	}
	return agent;
}

export async function performHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries((options.headers ?? {}) as IDataObject)) {
		if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
	}
	// As n8n's helper: `json` asks for JSON unless the request says what it accepts.
	if (options.json) headers.accept ??= 'application/json';
	const body = encodeBody(options, headers);
	const response = await request(joinUrl(options), {
		method: (options.method ?? 'GET') as 'GET',
		headers,
		body: body as string | undefined,
		headersTimeout: options.timeout,
		bodyTimeout: options.timeout,
		signal: options.abortSignal as AbortSignal | undefined,
		dispatcher: dispatcherFor(options),
	});
	let parsed: unknown;
	if (options.encoding === 'stream') {
		parsed = Readable.from(response.body);
	} else if (options.encoding === 'arraybuffer') {
		parsed = Buffer.from(await response.body.arrayBuffer());
	} else {
		// axios's default transform: any non-empty text that parses as JSON is parsed, silently.
		const text = await response.body.text();
		parsed = text;
		if (text) {
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = text;
			}
		}
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
