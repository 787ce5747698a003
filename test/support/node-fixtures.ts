/** Small builders the tests of these resources share. */
import { Readable } from 'node:stream';

import { TEST_BASE_URL, type RecordedRequest } from './run-node';

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** A JWT-shaped token (never a real one) for the Bearer Token credential. */
export const TEST_BEARER_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJlLXRlc3Q';

export const bearerCredentials = (baseUrl = TEST_BASE_URL) => ({
	authentication: 'bearerToken' as const,
	bearerToken: TEST_BEARER_TOKEN,
	baseUrl,
});

/** A response body as n8n hands over a streamed answer (`encoding: 'stream'`). */
export function streamBody(...chunks: string[]): Readable {
	return Readable.from(chunks.map((chunk) => Buffer.from(chunk)));
}

/** One SSE frame. */
export function sseFrame(fields: { id?: string; event?: string; data: unknown }): string {
	const lines = [];
	if (fields.id !== undefined) lines.push(`id: ${fields.id}`);
	if (fields.event !== undefined) lines.push(`event: ${fields.event}`);
	lines.push(
		`data: ${typeof fields.data === 'string' ? fields.data : JSON.stringify(fields.data)}`,
	);
	return `${lines.join('\n')}\n\n`;
}

export const path = (url: string) => new URL(url).pathname.replace(/^\/api\/v2/, '');

/** Path and query of a recorded request, without the base URL. */
export function route(url: string): string {
	const parsed = new URL(url);
	return `${path(url)}${parsed.search}`;
}

/**
 * A `respond` for `runNode` that keeps the requests where a test can still read them when the run
 * rejects (refused input must send nothing). Every request is answered 200 with no body.
 */
export function record() {
	const requests: RecordedRequest[] = [];
	return { requests, respond: (r: RecordedRequest) => void requests.push(r) };
}

export type NodeFailure = Error & { description?: string; httpCode?: string };

/** The error a run failed with; fails the test if it succeeded. */
export async function failureOf(run: Promise<unknown>): Promise<NodeFailure> {
	return await run.then(
		() => {
			throw new Error('expected the run to fail, but it succeeded');
		},
		(error: unknown) => error as NodeFailure,
	);
}

/** Decodes a multipart body as the node hands it to n8n (a Blob-like object that streams its bytes). */
export async function multipartOf(body: unknown): Promise<FormData> {
	const blob = body as { type: string; stream(): AsyncIterable<Uint8Array> };
	const chunks: Uint8Array[] = [];
	for await (const chunk of blob.stream()) chunks.push(chunk);
	return await new Response(Buffer.concat(chunks), {
		headers: { 'content-type': blob.type },
	}).formData();
}
