/** Minimal multipart/form-data reader for tests: splits on the boundary and reads part headers. */
export interface ReadPart {
	headers: Record<string, string>;
	name: string | undefined;
	filename: string | undefined;
	body: Buffer;
}

export function readMultipart(body: Buffer, contentType: string | undefined): ReadPart[] {
	const boundary = /boundary=([^;]+)/.exec(contentType ?? '')?.[1];
	if (!boundary) throw new Error('no boundary');
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: ReadPart[] = [];
	let position = body.indexOf(delimiter);
	while (position !== -1) {
		const start = position + delimiter.length;
		if (body.subarray(start, start + 2).toString() === '--') break;
		const next = body.indexOf(delimiter, start);
		if (next === -1) throw new Error('unterminated multipart body');
		const part = body.subarray(start + 2, next - 2); // skip CRLF after delimiter and before the next one
		const split = part.indexOf('\r\n\r\n');
		const headers: Record<string, string> = {};
		for (const line of part.subarray(0, split).toString('utf8').split('\r\n')) {
			const colon = line.indexOf(':');
			headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
		}
		const disposition = headers['content-disposition'] ?? '';
		parts.push({
			headers,
			name: /\bname="([^"]*)"/.exec(disposition)?.[1],
			filename: /\bfilename="([^"]*)"/.exec(disposition)?.[1],
			body: part.subarray(split + 4),
		});
		position = next;
	}
	return parts;
}
