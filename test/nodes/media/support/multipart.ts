/** Splits a recorded multipart/form-data body into its parts, to assert exactly what was sent. */
export interface SentPart {
	headers: Record<string, string>;
	name: string;
	filename?: string;
	data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string {
	const match = /^multipart\/form-data; boundary=(\S+)$/.exec(contentType ?? '');
	if (!match?.[1]) throw new Error(`Not a multipart content type: ${contentType}`);
	return match[1];
}

export function splitMultipart(body: Buffer, boundary: string): SentPart[] {
	const opening = Buffer.from(`--${boundary}\r\n`);
	const closing = Buffer.from(`\r\n--${boundary}--\r\n`);
	if (!body.subarray(0, opening.length).equals(opening))
		throw new Error('Body does not start with the boundary');
	if (!body.subarray(body.length - closing.length).equals(closing))
		throw new Error('Body does not end with the closing boundary');
	const inner = body.subarray(opening.length, body.length - closing.length);
	const separator = Buffer.from(`\r\n--${boundary}\r\n`);
	const chunks: Buffer[] = [];
	let rest = inner;
	for (let at = rest.indexOf(separator); at !== -1; at = rest.indexOf(separator)) {
		chunks.push(rest.subarray(0, at));
		rest = rest.subarray(at + separator.length);
	}
	chunks.push(rest);
	return chunks.map((chunk) => {
		const end = chunk.indexOf('\r\n\r\n');
		const headers: Record<string, string> = {};
		for (const line of chunk.subarray(0, end).toString('utf8').split('\r\n')) {
			const colon = line.indexOf(':');
			headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const disposition = headers['content-disposition'] ?? '';
		const name = /; name="([^"]*)"/.exec(disposition)?.[1] ?? '';
		const filename = /; filename="([^"]*)"/.exec(disposition)?.[1];
		return {
			headers,
			name,
			...(filename === undefined ? {} : { filename }),
			data: chunk.subarray(end + 4),
		};
	});
}
