import type { ServerResponse } from 'node:http';

/** Writes a small JSON answer; used on the hot path, so it skips framework response helpers. */
export function sendJson(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': String(Buffer.byteLength(text)),
		'cache-control': 'no-store',
		...headers,
	});
	response.end(text);
}
