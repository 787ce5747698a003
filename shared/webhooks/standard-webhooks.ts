/// <reference types="node" />
import { createHmac } from 'node:crypto';

import {
	bytesEqual,
	findHeader,
	singleHeader,
	toBytes,
	type HeaderInput,
	type RawBody,
} from './bytes';

/**
 * Standard Webhooks signatures (standardwebhooks.com), used by our receiver when it forwards
 * deliveries: secret `whsec_<base64>`, signed content `${id}.${timestamp}.${body}`, header
 * `webhook-signature: v1,<base64 HMAC-SHA256>` (space-separated list allowed, for rotation).
 */

export const STANDARD_ID_HEADER = 'webhook-id';
export const STANDARD_TIMESTAMP_HEADER = 'webhook-timestamp';
export const STANDARD_SIGNATURE_HEADER = 'webhook-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const TIMESTAMP = /^\d{1,15}$/;
const HMAC_SHA256_LENGTH = 32;

/** Key bytes of a `whsec_…` secret (the prefix is optional, as in the spec's libraries); undefined if malformed. */
export function decodeStandardSecret(secret: string): Uint8Array | undefined {
	const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
	if (encoded === '' || !BASE64.test(encoded)) return undefined;
	return Buffer.from(encoded, 'base64');
}

export interface StandardWebhookMessage {
	id: string;
	/** Unix seconds. */
	timestamp: number;
	rawBody: RawBody;
}

/** `timestamp` is the header text as sent, so a sender's formatting (e.g. leading zeros) is signed as is. */
function signatureBytes(key: Uint8Array, id: string, timestamp: string, rawBody: RawBody): Buffer {
	return createHmac('sha256', key)
		.update(`${id}.${timestamp}.`, 'utf8')
		.update(toBytes(rawBody))
		.digest();
}

/** `v1,<base64>` for one secret. Throws on a malformed secret: signing with a bad key is a setup bug. */
export function signStandardWebhook(secret: string, message: StandardWebhookMessage): string {
	const key = decodeStandardSecret(secret);
	if (key === undefined) throw new TypeError('Webhook secret must be "whsec_" followed by base64');
	const signature = signatureBytes(key, message.id, String(message.timestamp), message.rawBody);
	return `v1,${signature.toString('base64')}`;
}

/** The three headers for a delivery; several secrets give several signatures (rotation). */
export function standardWebhookHeaders(
	secrets: readonly string[],
	message: StandardWebhookMessage,
): Record<string, string> {
	return {
		[STANDARD_ID_HEADER]: message.id,
		[STANDARD_TIMESTAMP_HEADER]: String(message.timestamp),
		[STANDARD_SIGNATURE_HEADER]: secrets
			.map((secret) => signStandardWebhook(secret, message))
			.join(' '),
	};
}

export type StandardWebhookFailure =
	| 'no_secrets'
	| 'missing_headers'
	| 'malformed_timestamp'
	| 'timestamp_too_old'
	| 'timestamp_in_future'
	| 'malformed_signature'
	| 'signature_mismatch';

export type StandardWebhookVerification =
	| { ok: true; secretIndex: number; id: string; timestamp: number }
	| { ok: false; reason: StandardWebhookFailure };

export interface VerifyStandardWebhookInput {
	/** Current secret first, then rotated-out ones still accepted. Malformed secrets are ignored. */
	secrets: readonly string[];
	headers: Readonly<Record<string, HeaderInput>>;
	rawBody: RawBody;
	nowSeconds: number;
	toleranceSeconds?: number;
}

/** The v1 signatures of a header; other versions (e.g. asymmetric `v1a`) are skipped, not failed. */
function parseSignatures(header: string): Buffer[] | undefined {
	const entries = header.split(' ').filter((entry) => entry !== '');
	const signatures: Buffer[] = [];
	let wellFormed = 0;
	for (const entry of entries) {
		const comma = entry.indexOf(',');
		if (comma <= 0) continue;
		wellFormed++;
		const value = entry.slice(comma + 1);
		if (entry.slice(0, comma) === 'v1' && BASE64.test(value))
			signatures.push(Buffer.from(value, 'base64'));
	}
	return wellFormed === 0 ? undefined : signatures;
}

/**
 * Verifies a Standard Webhooks delivery: timestamp within tolerance (replay window), then any v1
 * signature matching any accepted secret, compared in constant time. Fails closed without secrets.
 */
export function verifyStandardWebhook(
	input: VerifyStandardWebhookInput,
): StandardWebhookVerification {
	const keys = input.secrets.map(decodeStandardSecret);
	if (keys.every((key) => key === undefined)) return { ok: false, reason: 'no_secrets' };
	const id = singleHeader(findHeader(input.headers, STANDARD_ID_HEADER));
	const stamp = singleHeader(findHeader(input.headers, STANDARD_TIMESTAMP_HEADER));
	const header = singleHeader(findHeader(input.headers, STANDARD_SIGNATURE_HEADER));
	if (!id || !stamp || !header) return { ok: false, reason: 'missing_headers' };
	if (!TIMESTAMP.test(stamp)) return { ok: false, reason: 'malformed_timestamp' };
	const timestamp = Number(stamp);
	const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	if (timestamp < input.nowSeconds - tolerance) return { ok: false, reason: 'timestamp_too_old' };
	if (timestamp > input.nowSeconds + tolerance) return { ok: false, reason: 'timestamp_in_future' };
	const received = parseSignatures(header);
	if (received === undefined) return { ok: false, reason: 'malformed_signature' };
	const candidates = received.filter((signature) => signature.length === HMAC_SHA256_LENGTH);
	let secretIndex = -1;
	keys.forEach((key, index) => {
		if (key === undefined) return;
		const expected = signatureBytes(key, id, stamp, input.rawBody);
		const matched = candidates.some((candidate) => bytesEqual(expected, candidate));
		if (matched && secretIndex === -1) secretIndex = index;
	});
	return secretIndex === -1
		? { ok: false, reason: 'signature_mismatch' }
		: { ok: true, secretIndex, id, timestamp };
}
