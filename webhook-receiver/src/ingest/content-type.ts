import type { IncomingHttpHeaders } from 'node:http';

/**
 * Deliveries are `application/json` (README, "What VideoVector sends"). A charset other than UTF-8, or any content coding,
 * would mean the bytes we sign-check are not the JSON text, so both are refused.
 */
export function isJsonUtf8(headers: IncomingHttpHeaders): boolean {
	const encoding = headers['content-encoding'];
	if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return false;
	const [mediaType, ...parameters] = (headers['content-type'] ?? '').split(';');
	if (mediaType?.trim().toLowerCase() !== 'application/json') return false;
	return parameters.every((parameter) => {
		const [name, value] = parameter.split('=').map((part) => part.trim().toLowerCase());
		return name !== 'charset' || value === 'utf-8' || value === '"utf-8"' || value === 'utf8';
	});
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The body as text for signature checking. Strict decoding keeps it byte-exact: re-encoding the
 * string gives back the received bytes (a BOM is kept, invalid sequences are refused).
 */
export function decodeUtf8(body: Uint8Array): string | undefined {
	try {
		return UTF8.decode(body);
	} catch {
		return undefined;
	}
}
