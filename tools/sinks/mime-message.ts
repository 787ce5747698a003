/**
 * Just enough MIME (RFC 2045–2047) to read what an SMTP client sent: headers (unfolded, encoded
 * words decoded), and the text/plain and text/html bodies out of single-part or nested multipart
 * messages in 7bit, 8bit, quoted-printable or base64. Attachments are listed by name only.
 */

export interface ParsedMail {
	/** Lower-cased names; a repeated header keeps its first value. */
	headers: Record<string, string>;
	subject: string;
	text: string;
	html: string;
	attachments: Array<{ filename: string; contentType: string; size: number }>;
}

interface Entity {
	headers: Record<string, string>;
	body: string;
}

const CRLF = /\r?\n/;

function splitEntity(raw: string): Entity {
	const match = /\r?\n\r?\n/.exec(raw);
	const headerBlock = match ? raw.slice(0, match.index) : raw;
	const body = match ? raw.slice(match.index + match[0].length) : '';
	return { headers: parseHeaderBlock(headerBlock), body };
}

function parseHeaderBlock(block: string): Record<string, string> {
	const headers: Record<string, string> = {};
	const unfolded: string[] = [];
	for (const line of block.split(CRLF)) {
		if (/^[ \t]/.test(line) && unfolded.length > 0)
			unfolded[unfolded.length - 1] += ` ${line.trim()}`;
		else if (line !== '') unfolded.push(line);
	}
	for (const line of unfolded) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const name = line.slice(0, colon).trim().toLowerCase();
		headers[name] ??= decodeEncodedWords(line.slice(colon + 1).trim());
	}
	return headers;
}

/** `type/subtype; a=1; b="two"` → the lower-cased type and its parameters. */
export function parseContentType(value: string | undefined): {
	type: string;
	params: Record<string, string>;
} {
	const [type = 'text/plain', ...rest] = (value ?? 'text/plain').split(';');
	const params: Record<string, string> = {};
	for (const part of rest) {
		const eq = part.indexOf('=');
		if (eq <= 0) continue;
		params[part.slice(0, eq).trim().toLowerCase()] = part
			.slice(eq + 1)
			.trim()
			.replace(/^"(.*)"$/, '$1');
	}
	return { type: type.trim().toLowerCase(), params };
}

function bytesToText(bytes: Buffer, charset: string | undefined): string {
	const name = (charset ?? 'utf-8').toLowerCase();
	return bytes.toString(
		name === 'iso-8859-1' || name === 'latin1' || name === 'us-ascii' ? 'latin1' : 'utf8',
	);
}

function quotedPrintableBytes(text: string): Buffer {
	const joined = text.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < joined.length; i++) {
		const hex = joined.slice(i + 1, i + 3);
		if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(Number.parseInt(hex, 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(joined[i] as string, 'utf8'));
		}
	}
	return Buffer.from(bytes);
}

function decodeTransfer(body: string, encoding: string | undefined): Buffer {
	switch ((encoding ?? '7bit').toLowerCase()) {
		case 'base64':
			return Buffer.from(body.replace(/\s+/g, ''), 'base64');
		case 'quoted-printable':
			return quotedPrintableBytes(body);
		default:
			return Buffer.from(body, 'utf8');
	}
}

/** RFC 2047 `=?utf-8?Q?…?=` / `=?utf-8?B?…?=`; whitespace between adjacent encoded words is dropped. */
export function decodeEncodedWords(value: string): string {
	const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
	return value
		.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
		.replace(word, (_all, charset: string, kind: string, text: string) => {
			const bytes =
				kind.toUpperCase() === 'B'
					? Buffer.from(text, 'base64')
					: quotedPrintableBytes(text.replace(/_/g, ' '));
			return bytesToText(bytes, charset);
		});
}

function multipartBodies(body: string, boundary: string): string[] {
	const delimiter = `--${boundary}`;
	const parts: string[] = [];
	for (const chunk of body.split(delimiter).slice(1)) {
		if (chunk.startsWith('--')) break;
		// The CRLF after the delimiter line and the one before the next delimiter belong to the framing.
		parts.push(chunk.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, ''));
	}
	return parts;
}

function collect(entity: Entity, into: ParsedMail): void {
	const { type, params } = parseContentType(entity.headers['content-type']);
	if (type.startsWith('multipart/') && params.boundary) {
		for (const part of multipartBodies(entity.body, params.boundary))
			collect(splitEntity(part), into);
		return;
	}
	const bytes = decodeTransfer(entity.body, entity.headers['content-transfer-encoding']);
	const disposition = parseContentType(entity.headers['content-disposition']);
	const filename = disposition.params.filename ?? params.name;
	if (
		disposition.type === 'attachment' ||
		(filename && type !== 'text/plain' && type !== 'text/html')
	) {
		into.attachments.push({
			filename: filename ?? 'unnamed',
			contentType: type,
			size: bytes.length,
		});
		return;
	}
	if (type === 'text/plain' && !into.text) into.text = bytesToText(bytes, params.charset);
	else if (type === 'text/html' && !into.html) into.html = bytesToText(bytes, params.charset);
}

export function parseMail(raw: string): ParsedMail {
	const entity = splitEntity(raw);
	const mail: ParsedMail = {
		headers: entity.headers,
		subject: entity.headers.subject ?? '',
		text: '',
		html: '',
		attachments: [],
	};
	collect(entity, mail);
	return mail;
}
