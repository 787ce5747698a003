import type { IncomingMessage } from 'node:http';

export type RawBodyResult =
	{ ok: true; body: Buffer } | { ok: false; reason: 'too_large' | 'aborted' };

/**
 * Reads a request body up to `limit` bytes. A declared Content-Length above the limit is refused
 * before a byte is read; a chunked body is refused as soon as it crosses the limit and the chunks
 * read so far are dropped, so an oversized request never sits in memory. The caller answers 413
 * and closes the connection (the unread rest is never buffered).
 */
export function readRawBody(request: IncomingMessage, limit: number): Promise<RawBodyResult> {
	const declared = request.headers['content-length'];
	if (declared !== undefined && Number(declared) > limit)
		return Promise.resolve({ ok: false, reason: 'too_large' });
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const finish = (result: RawBodyResult): void => {
			request.off('data', onData);
			request.off('end', onEnd);
			request.off('error', onAbort);
			request.off('aborted', onAbort);
			resolve(result);
		};
		const onData = (chunk: Buffer): void => {
			size += chunk.length;
			if (size > limit) {
				chunks.length = 0;
				request.pause();
				finish({ ok: false, reason: 'too_large' });
				return;
			}
			chunks.push(chunk);
		};
		const onEnd = (): void =>
			finish({
				ok: true,
				body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size),
			});
		const onAbort = (): void => finish({ ok: false, reason: 'aborted' });
		request.on('data', onData);
		request.on('end', onEnd);
		request.on('error', onAbort);
		request.on('aborted', onAbort);
	});
}
