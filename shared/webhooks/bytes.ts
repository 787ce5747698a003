/// <reference types="node" />
import { timingSafeEqual } from 'node:crypto';

/** A request body exactly as received: bytes, or a string that is encoded as UTF-8. */
export type RawBody = Uint8Array | string;

/** A header as Node/Express/n8n hand it over. */
export type HeaderInput = string | readonly string[] | null | undefined;

export function toBytes(body: RawBody): Uint8Array {
	return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/**
 * A single header value, or undefined when absent or sent more than once: two signature or id
 * headers are ambiguous, and picking one would let an attacker choose which gets checked.
 */
export function singleHeader(value: HeaderInput): string | undefined {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string') return value;
	return value.length === 1 ? value[0] : undefined;
}

/** Case-insensitive lookup in a header map. */
export function findHeader(
	headers: Readonly<Record<string, HeaderInput>>,
	name: string,
): HeaderInput {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) return value;
	}
	return undefined;
}

/** Constant-time equality; unequal lengths return false without comparing (length is not secret). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && timingSafeEqual(a, b);
}

/** Constant-time equality of two strings' UTF-8 bytes. */
export function stringsEqual(a: string, b: string): boolean {
	return bytesEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
