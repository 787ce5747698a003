/// <reference types="node" />
import { createHmac } from 'node:crypto';

import {
	bytesEqual,
	singleHeader,
	stringsEqual,
	toBytes,
	type HeaderInput,
	type RawBody,
} from './bytes';

/** Header names of a VideoVector delivery (docs/api/conventions.md#webhook-delivery). */
export const API_SIGNATURE_HEADER = 'x-webhook-signature';
export const API_WEBHOOK_ID_HEADER = 'x-webhook-id';
export const API_DELIVERY_ID_HEADER = 'x-delivery-id';

const SIGNATURE_FORMAT = /^sha256=([0-9a-fA-F]{64})$/;

function hmacHex(secret: string, rawBody: RawBody): string {
	// A string key is hashed as its UTF-8 bytes, the same key as Buffer.from(secret) but without
	// the per-call buffer allocation, which measured ~4x slower on Node 24.
	return createHmac('sha256', secret).update(toBytes(rawBody)).digest('hex');
}

/** `sha256=<lowercase hex HMAC-SHA256(secret, raw body)>`, the API's `X-Webhook-Signature` (docs/api/conventions.md#webhook-signature). */
export function signApiWebhook(secret: string, rawBody: RawBody): string {
	return `sha256=${hmacHex(secret, rawBody)}`;
}

export type ApiWebhookFailure =
	| 'no_secrets'
	| 'no_expected_webhook_id'
	| 'missing_signature'
	| 'malformed_signature'
	| 'missing_webhook_id'
	| 'webhook_id_mismatch'
	| 'signature_mismatch';

export type SignatureHeaderCheck =
	{ ok: true; digest: Buffer } | { ok: false; reason: 'missing_signature' | 'malformed_signature' };

/**
 * Reads `X-Webhook-Signature` without looking at the body: `sha256=` and 64 hex digits (either
 * case, docs/api/conventions.md#webhook-signature), decoded to the 32 digest bytes. Cheap, so a receiver can refuse before reading.
 */
export function parseApiSignatureHeader(header: HeaderInput): SignatureHeaderCheck {
	const signature = singleHeader(header)?.trim();
	if (signature === undefined || signature === '')
		return { ok: false, reason: 'missing_signature' };
	const match = SIGNATURE_FORMAT.exec(signature);
	if (match === null) return { ok: false, reason: 'malformed_signature' };
	return { ok: true, digest: Buffer.from(match[1] as string, 'hex') };
}

export type ApiWebhookVerification =
	{ ok: true; secretIndex: number } | { ok: false; reason: ApiWebhookFailure };

export interface VerifyApiWebhookInput {
	/** Current secret first, then previous ones still inside their rotation overlap. Empty strings are ignored. */
	secrets: readonly string[];
	/** The body bytes exactly as received; never a re-serialised JSON object. */
	rawBody: RawBody;
	signatureHeader: HeaderInput;
	webhookIdHeader: HeaderInput;
	/** The subscription id this receiver registered. */
	expectedWebhookId: string;
}

/**
 * Checks a delivery per docs/api/conventions.md#webhook-signature: HMAC over the raw bytes with any accepted secret, compared in
 * constant time, and the `X-Webhook-Id` must be our subscription. Fails closed when nothing is
 * configured. Every secret is tried even after a match so timing does not reveal which one matched.
 */
export function verifyApiWebhook(input: VerifyApiWebhookInput): ApiWebhookVerification {
	if (!input.secrets.some((secret) => secret.length > 0))
		return { ok: false, reason: 'no_secrets' };
	if (input.expectedWebhookId === '') return { ok: false, reason: 'no_expected_webhook_id' };
	const signature = parseApiSignatureHeader(input.signatureHeader);
	if (!signature.ok) return signature;
	const webhookId = singleHeader(input.webhookIdHeader);
	if (webhookId === undefined || webhookId === '')
		return { ok: false, reason: 'missing_webhook_id' };
	if (!stringsEqual(webhookId, input.expectedWebhookId))
		return { ok: false, reason: 'webhook_id_mismatch' };
	const received = signature.digest;
	let secretIndex = -1;
	input.secrets.forEach((secret, index) => {
		if (secret.length === 0) return;
		const expected = Buffer.from(hmacHex(secret, input.rawBody), 'hex');
		if (bytesEqual(expected, received) && secretIndex === -1) secretIndex = index;
	});
	return secretIndex === -1
		? { ok: false, reason: 'signature_mismatch' }
		: { ok: true, secretIndex };
}
