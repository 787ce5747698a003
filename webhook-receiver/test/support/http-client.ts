import { Readable } from 'node:stream';

import { request, type Dispatcher } from 'undici';

export interface SimpleResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: () => unknown;
}

/** A request to a test server on 127.0.0.1 with the body read as text. */
export async function send(
	url: string,
	options: {
		method?: Dispatcher.HttpMethod;
		headers?: Record<string, string>;
		body?: string | Buffer | AsyncIterable<Buffer>;
		dispatcher?: Dispatcher;
	} = {},
): Promise<SimpleResponse> {
	const response = await request(url, {
		method: options.method ?? 'GET',
		headers: options.headers ?? {},
		...(options.body === undefined
			? {}
			: {
					body:
						typeof options.body === 'string' || Buffer.isBuffer(options.body)
							? options.body
							: Readable.from(options.body),
				}),
		...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
	});
	const text = await response.body.text();
	return {
		status: response.statusCode,
		headers: response.headers,
		text,
		json: () => JSON.parse(text) as unknown,
	};
}

/** POSTs a body with the given headers to the receiver's delivery URL. */
export function post(
	url: string,
	body: string | Buffer,
	headers: Record<string, string>,
	dispatcher?: Dispatcher,
): Promise<SimpleResponse> {
	return send(url, {
		method: 'POST',
		body,
		headers,
		...(dispatcher === undefined ? {} : { dispatcher }),
	});
}
