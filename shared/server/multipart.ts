import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export interface MultipartFile {
	/** Form field name, e.g. `file` or `credentials_file`. */
	field: string;
	filename: string;
	contentType?: string;
	/** Streamed, never buffered whole: `fs.createReadStream(...)` or any byte iterable. */
	source: Readable | AsyncIterable<Uint8Array>;
	/** Byte length when known; all known → Content-Length is sent, and a source that disagrees fails the upload. */
	size?: number;
}

export interface MultipartForm {
	/** Text fields, sent before the files; an array value becomes repeated parts (e.g. `scopes`). */
	fields?: Record<string, string | readonly string[] | undefined>;
	files: readonly MultipartFile[];
}

export interface MultipartBody {
	stream: Readable;
	contentType: string;
	/** Undefined when a file size is unknown (then the request is sent chunked). */
	contentLength: number | undefined;
}

const CRLF = '\r\n';

/** Field names and filenames escaped as browsers do (WHATWG multipart/form-data encoding). */
function escapeQuoted(value: string): string {
	return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function fieldPart(boundary: string, name: string, value: string): Buffer {
	return Buffer.from(
		`--${boundary}${CRLF}Content-Disposition: form-data; name="${escapeQuoted(name)}"${CRLF}${CRLF}${value}${CRLF}`,
		'utf8',
	);
}

function fileHeader(boundary: string, file: MultipartFile): Buffer {
	const type = file.contentType ?? 'application/octet-stream';
	return Buffer.from(
		`--${boundary}${CRLF}Content-Disposition: form-data; name="${escapeQuoted(file.field)}"; ` +
			`filename="${escapeQuoted(file.filename)}"${CRLF}Content-Type: ${type}${CRLF}${CRLF}`,
		'utf8',
	);
}

async function* fileBytes(file: MultipartFile): AsyncGenerator<Uint8Array> {
	let sent = 0;
	for await (const chunk of file.source as AsyncIterable<Uint8Array | string>) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
		sent += bytes.length;
		yield bytes;
	}
	if (file.size !== undefined && sent !== file.size) {
		// A wrong declared size would corrupt the Content-Length framing; fail instead of sending garbage.
		throw new Error(`File "${file.filename}" produced ${sent} bytes, expected ${file.size}`);
	}
}

/**
 * Builds a multipart/form-data body as a stream, so a multi-GB video flows through with constant
 * memory. Content-Length is computed from the framing plus declared file sizes when all are known.
 */
export function createMultipartBody(
	form: MultipartForm,
	boundary = `vvkit-${randomBytes(16).toString('hex')}`,
): MultipartBody {
	const textParts: Buffer[] = [];
	for (const [name, value] of Object.entries(form.fields ?? {})) {
		if (value === undefined) continue;
		for (const item of typeof value === 'string' ? [value] : value)
			textParts.push(fieldPart(boundary, name, item));
	}
	const headers = form.files.map((file) => fileHeader(boundary, file));
	const closing = Buffer.from(`--${boundary}--${CRLF}`, 'utf8');
	const lineEnd = Buffer.from(CRLF, 'utf8');
	const sizesKnown = form.files.every((file) => file.size !== undefined);
	const contentLength = sizesKnown
		? [...textParts, ...headers, closing].reduce((sum, part) => sum + part.length, 0) +
			form.files.reduce((sum, file) => sum + (file.size as number) + lineEnd.length, 0)
		: undefined;
	async function* generate(): AsyncGenerator<Uint8Array> {
		for (const part of textParts) yield part;
		for (const [index, file] of form.files.entries()) {
			yield headers[index] as Buffer;
			yield* fileBytes(file);
			yield lineEnd;
		}
		yield closing;
	}
	return {
		stream: Readable.from(generate(), { objectMode: false }),
		contentType: `multipart/form-data; boundary=${boundary}`,
		contentLength,
	};
}
