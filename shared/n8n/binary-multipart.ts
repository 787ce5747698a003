import { randomBytes } from 'node:crypto';

/** The file of an input item, ready to be streamed into a request body. */
export interface BinarySource {
	fileName: string;
	mimeType: string;
	/** Exact byte count: multipart framing and Content-Length are computed from it up front. */
	size: number;
	/** Opens the bytes from the start; called once per attempt, so a retried upload re-reads them. */
	open(): Promise<AsyncIterable<Uint8Array>>;
}

/**
 * A multipart/form-data body that streams its file part from the source.
 *
 * n8n sends requests through axios, and axios' Node adapter treats any object tagged `Blob` as a
 * stream: it sets Content-Type from `type`, Content-Length from `size`, and pipes `stream()` into the
 * socket chunk by chunk (axios lib/adapters/http.js + helpers/readBlob.js). n8n passes such a body
 * through untouched (it is a non-empty object for n8n-workflow's `isObjectEmpty`). So this object
 * needs no stream or form-data package, which community nodes may not import, and a 2 GB upload
 * holds one chunk in memory at a time. Each `stream()` call re-opens the source, so the shared retry
 * policy can re-send the body.
 */
export class StreamingMultipartBody {
	readonly type: string;

	readonly size: number;

	private readonly head: Uint8Array;

	private readonly tail: Uint8Array;

	constructor(
		fields: ReadonlyArray<readonly [name: string, value: string]>,
		fileField: string,
		private readonly file: BinarySource,
		boundary = `----VideoVectorN8n${randomBytes(16).toString('hex')}`,
	) {
		const encoder = new TextEncoder();
		const fieldParts = fields.map(
			([name, value]) =>
				`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(name)}"\r\n\r\n${value}\r\n`,
		);
		const fileHeader =
			`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(fileField)}"; ` +
			`filename="${escapeQuoted(file.fileName)}"\r\nContent-Type: ${headerValue(file.mimeType)}\r\n\r\n`;
		// Text fields first: the server can validate them before the file arrives.
		this.head = encoder.encode(fieldParts.join('') + fileHeader);
		this.tail = encoder.encode(`\r\n--${boundary}--\r\n`);
		this.type = `multipart/form-data; boundary=${boundary}`;
		this.size = this.head.byteLength + file.size + this.tail.byteLength;
	}

	get [Symbol.toStringTag](): string {
		return 'Blob';
	}

	async *stream(): AsyncGenerator<Uint8Array> {
		yield this.head;
		let sent = 0;
		for await (const chunk of await this.file.open()) {
			sent += chunk.byteLength;
			// Content-Length is already on the wire: a source that changed size would corrupt the request.
			if (sent > this.file.size) break;
			yield chunk;
		}
		if (sent !== this.file.size) {
			throw new Error(
				`The file "${this.file.fileName}" has ${sent} bytes, but its metadata says ${this.file.size}`,
			);
		}
		yield this.tail;
	}
}

/** Quoted-string escaping of names and file names as browsers do it (WHATWG multipart/form-data encoding). */
function escapeQuoted(value: string): string {
	return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function headerValue(value: string): string {
	return value.replace(/[\r\n]/g, '').trim() || 'application/octet-stream';
}
