/**
 * Runs the VideoVector node's execute path for unit tests: either against a scripted responder that
 * records every request exactly as n8n would send it, or over real HTTP (e.g. the emulator).
 */
import type { IHttpRequestOptions, INodeExecutionData, NodeExecutionHint } from 'n8n-workflow';

import { VideoVector } from '../../nodes/VideoVector/VideoVector.node';
import { createExecuteContext, type ContextOptions, type TestCredentials } from './execute-context';
import type { FullResponse } from './n8n-http';

export const TEST_API_KEY = `sk_live_${'a1'.repeat(24)}`;
export const TEST_BASE_URL = 'https://api.test.invalid/api/v2';

export interface RecordedRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	body: unknown;
	options: IHttpRequestOptions;
}

/** Answers recorded requests; return a FullResponse-like object (status defaults to 200). */
export type Responder = (
	request: RecordedRequest,
	index: number,
) => Partial<FullResponse> | undefined;

/** The body as it goes on the wire: JSON sent as text (an explicit `{}`) is recorded parsed, like any JSON body. */
function wireBody(body: unknown, headers: Record<string, string>): unknown {
	if (typeof body === 'string' && /json/.test(headers['content-type'] ?? ''))
		return JSON.parse(body) as unknown;
	return body;
}

export function recordingSend(responder: Responder, recorded: RecordedRequest[]) {
	return async (options: IHttpRequestOptions): Promise<unknown> => {
		const url = new URL(`${String(options.baseURL ?? '').replace(/\/+$/, '')}${options.url}`);
		for (const [key, value] of Object.entries(options.qs ?? {})) {
			for (const v of Array.isArray(value) ? value : [value])
				url.searchParams.append(key, String(v));
		}
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(options.headers ?? {}))
			headers[k.toLowerCase()] = String(v);
		const request = {
			method: String(options.method ?? 'GET'),
			url: url.toString(),
			headers,
			body: wireBody(options.body, headers),
			options,
		};
		recorded.push(request);
		const answer = responder(request, recorded.length - 1) ?? {};
		return {
			statusCode: answer.statusCode ?? 200,
			headers: answer.headers ?? {},
			body: answer.body,
		};
	};
}

export interface RunOptions extends Omit<ContextOptions, 'credentials' | 'send'> {
	credentials?: TestCredentials;
	/** Scripted answers; omit to send over real HTTP to `credentials.baseUrl`. */
	respond?: Responder;
}

export async function runNode(options: RunOptions): Promise<{
	output: INodeExecutionData[];
	requests: RecordedRequest[];
	hints: NodeExecutionHint[];
}> {
	const requests: RecordedRequest[] = [];
	const hints: NodeExecutionHint[] = [];
	const context = createExecuteContext({
		hints,
		...options,
		credentials: options.credentials ?? { apiKey: TEST_API_KEY, baseUrl: TEST_BASE_URL },
		send: options.respond ? recordingSend(options.respond, requests) : undefined,
	});
	const [output] = await new VideoVector().execute.call(context);
	return { output, requests, hints };
}
