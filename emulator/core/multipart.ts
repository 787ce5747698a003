import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { once } from 'node:events';
import { join } from 'node:path';
import { ApiError, invalid } from './errors.js';

/**
 * Streaming multipart/form-data parser. File parts go straight to disk chunk by chunk (awaiting
 * `drain`, so the socket is paused while the disk catches up) and are hashed on the way, so a
 * 2 GB upload costs a few 64 KiB buffers of memory. The hash also gives idempotency its
 * "same fields + same file bytes" fingerprint without a second read.
 */

export interface UploadedFile {
	field: string;
	filename: string;
	contentType: string;
	path: string;
	size: number;
	sha256: string;
}

export interface MultipartBody {
	fields: Map<string, string[]>;
	files: UploadedFile[];
	fingerprint: string;
}

export interface MultipartOptions {
	dir: string;
	nextFileName: () => string;
	/** Per-field maximum file size in bytes (e.g. 64 KiB for GCS credentials). */
	maxFileBytes?: Record<string, number>;
	maxFieldBytes?: number;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

export function boundaryOf(contentType: string | undefined): string | null {
	if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	return (match?.[1] ?? match?.[2])?.trim() ?? null;
}

function parseDisposition(value: string): Record<string, string> {
	const params: Record<string, string> = {};
	const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
	let match: RegExpExecArray | null;
	while ((match = re.exec(value)) !== null) {
		const key = (match[1] as string).toLowerCase();
		const raw = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '').trim();
		if (key.endsWith('*')) {
			const ext = /^[^']*'[^']*'(.*)$/.exec(raw);
			params[key.slice(0, -1)] = decodeURIComponent(ext?.[1] ?? raw);
		} else if (!(key in params)) {
			params[key] = raw;
		}
	}
	return params;
}

function parseHeaders(block: Buffer): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of block.toString('utf8').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0)
			headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

type Part =
	| { kind: 'field'; name: string; chunks: Buffer[]; size: number }
	| {
			kind: 'file';
			file: UploadedFile;
			stream: WriteStream;
			hash: ReturnType<typeof createHash>;
			limit: number;
			tooLarge: boolean;
	  };

export async function parseMultipart(
	req: IncomingMessage,
	options: MultipartOptions,
): Promise<MultipartBody> {
	const boundary = boundaryOf(req.headers['content-type']);
	if (!boundary)
		throw new ApiError(400, 'invalid_multipart', 'Expected multipart/form-data with a boundary');
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	const maxField = options.maxFieldBytes ?? 1024 * 1024;
	const fields = new Map<string, string[]>();
	const files: UploadedFile[] = [];
	let state: 'preamble' | 'after' | 'headers' | 'body' | 'done' = 'preamble';
	let buf: Buffer = CRLF; // the first boundary has no CRLF before it; pretend it does
	let part: Part | null = null;
	let oversized: string | null = null;

	const write = async (data: Buffer) => {
		if (!part || data.length === 0) return;
		if (part.kind === 'field') {
			part.size += data.length;
			if (part.size > maxField) throw invalid(part.name, `field exceeds ${maxField} bytes`);
			part.chunks.push(Buffer.from(data));
			return;
		}
		part.file.size += data.length;
		if (part.file.size > part.limit) {
			part.tooLarge = true;
			oversized ??= part.file.field;
			return;
		}
		part.hash.update(data);
		if (!part.stream.write(data)) await once(part.stream, 'drain');
	};

	const finishPart = async () => {
		if (!part) return;
		if (part.kind === 'field') {
			const list = fields.get(part.name) ?? [];
			list.push(Buffer.concat(part.chunks).toString('utf8'));
			fields.set(part.name, list);
		} else {
			part.stream.end();
			await once(part.stream, 'close');
			part.file.sha256 = part.hash.digest('hex');
		}
		part = null;
	};

	const startPart = (headerBlock: Buffer) => {
		const headers = parseHeaders(headerBlock);
		const disposition = parseDisposition(headers['content-disposition'] ?? '');
		const name = disposition.name;
		if (!name) throw new ApiError(400, 'invalid_multipart', 'A multipart part has no name');
		if (disposition.filename === undefined) {
			part = { kind: 'field', name, chunks: [], size: 0 };
			return;
		}
		const path = join(options.dir, options.nextFileName());
		const file: UploadedFile = {
			field: name,
			filename: disposition.filename,
			contentType: headers['content-type'] ?? 'application/octet-stream',
			path,
			size: 0,
			sha256: '',
		};
		files.push(file);
		part = {
			kind: 'file',
			file,
			stream: createWriteStream(path),
			hash: createHash('sha256'),
			limit: options.maxFileBytes?.[name] ?? Number.POSITIVE_INFINITY,
			tooLarge: false,
		};
	};

	try {
		for await (const chunk of req as AsyncIterable<Buffer>) {
			if (state === 'done') continue; // drain the epilogue
			buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
			let progressed = true;
			while (progressed) {
				progressed = false;
				if (state === 'preamble') {
					const idx = buf.indexOf(delimiter);
					if (idx === -1) {
						buf = buf.subarray(Math.max(0, buf.length - delimiter.length + 1));
					} else {
						buf = buf.subarray(idx + delimiter.length);
						state = 'after';
						progressed = true;
					}
				} else if (state === 'after') {
					if (buf.length < 2) break;
					if (buf[0] === 0x2d && buf[1] === 0x2d) {
						state = 'done';
						break;
					}
					const eol = buf.indexOf(CRLF);
					if (eol === -1) {
						if (buf.length > 1024)
							throw new ApiError(400, 'invalid_multipart', 'Malformed multipart boundary line');
						break;
					}
					buf = buf.subarray(eol + 2);
					state = 'headers';
					progressed = true;
				} else if (state === 'headers') {
					const end = buf.indexOf(HEADER_END);
					if (end === -1) {
						if (buf.length > MAX_HEADER_BYTES)
							throw new ApiError(400, 'invalid_multipart', 'Multipart part headers too large');
						break;
					}
					startPart(buf.subarray(0, end));
					buf = buf.subarray(end + 4);
					state = 'body';
					progressed = true;
				} else if (state === 'body') {
					const idx = buf.indexOf(delimiter);
					if (idx === -1) {
						const safe = buf.length - delimiter.length + 1;
						if (safe > 0) {
							await write(buf.subarray(0, safe));
							buf = buf.subarray(safe);
						}
					} else {
						await write(buf.subarray(0, idx));
						await finishPart();
						buf = buf.subarray(idx + delimiter.length);
						state = 'after';
						progressed = true;
					}
				}
			}
		}
		if (state !== 'done')
			throw new ApiError(
				400,
				'invalid_multipart',
				'Multipart body ended before its closing boundary',
			);
		if (oversized)
			throw invalid(oversized, `file exceeds ${options.maxFileBytes?.[oversized]} bytes`);
	} catch (error) {
		const open = part as Part | null;
		if (open?.kind === 'file') open.stream.destroy();
		await Promise.all(files.map((file) => rm(file.path, { force: true })));
		throw error;
	}
	return { fields, files, fingerprint: fingerprintOf(fields, files) };
}

function fingerprintOf(fields: Map<string, string[]>, files: UploadedFile[]): string {
	const hash = createHash('sha256');
	for (const name of [...fields.keys()].sort())
		hash.update(`field:${name}=${JSON.stringify(fields.get(name))}\n`);
	for (const file of [...files].sort((a, b) =>
		a.field + a.filename < b.field + b.filename ? -1 : 1,
	)) {
		hash.update(`file:${file.field}:${file.filename}:${file.sha256}\n`);
	}
	return hash.digest('hex');
}

export async function discardFiles(body: MultipartBody): Promise<void> {
	await Promise.all(body.files.map((file) => rm(file.path, { force: true })));
}
