import { Readable } from 'node:stream';
import { request, type Dispatcher } from 'undici';

import { VideoVectorNetworkError } from '../http/api-error';
import type { ApiResponse, HttpMethod } from '../http/types';
import { DEFAULT_TIMEOUT_MS, type UndiciClientConfig } from './client-config';

export interface RawRequest {
	method: HttpMethod;
	url: string;
	headers: Record<string, string>;
	body?: string | Buffer | Readable;
	/** For the error message only; never contains the query (it may hold a token). */
	label: string;
}

/** One HTTP exchange through undici with the kit's timeouts; no redirects are followed (docs/api/conventions.md#request-conventions). */
export async function rawRequest(
	config: UndiciClientConfig,
	raw: RawRequest,
): Promise<Dispatcher.ResponseData> {
	const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	try {
		return await request(raw.url, {
			method: raw.method,
			headers: raw.headers,
			body: raw.body ?? null,
			headersTimeout: timeout,
			bodyTimeout: timeout,
			...(config.dispatcher ? { dispatcher: config.dispatcher } : {}),
		});
	} catch (error) {
		throw VideoVectorNetworkError.from(error, raw.label);
	}
}

/** Header map with lower-case names and repeated values joined, as ApiResponse promises. */
export function flattenHeaders(
	headers: Dispatcher.ResponseData['headers'],
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined)
			out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

function isJson(contentType: string | undefined): boolean {
	return (
		contentType !== undefined && /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType.trim())
	);
}

/** Reads the whole body: parsed JSON when declared JSON (raw text if it does not parse), text otherwise, undefined when empty. */
export async function readApiResponse(
	response: Dispatcher.ResponseData,
	label: string,
): Promise<ApiResponse> {
	const headers = flattenHeaders(response.headers);
	let text: string;
	try {
		text = await response.body.text();
	} catch (error) {
		throw VideoVectorNetworkError.from(error, label);
	}
	let body: unknown = text === '' ? undefined : text;
	if (text !== '' && isJson(headers['content-type'])) {
		try {
			body = JSON.parse(text);
		} catch {
			// Keep the text: the error parser shows it as the message (shape 4 in docs/api/conventions.md#error-bodies).
		}
	}
	return { status: response.statusCode, headers, body };
}
