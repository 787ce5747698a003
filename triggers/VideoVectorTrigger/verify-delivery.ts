import {
	webhookEventEnvelopeSchema,
	type WebhookEventEnvelope,
} from '../../shared/contract/schemas/webhook-event';
import {
	API_DELIVERY_ID_HEADER,
	API_SIGNATURE_HEADER,
	API_WEBHOOK_ID_HEADER,
	verifyApiWebhook,
} from '../../shared/webhooks/api-signature';
import { findHeader, singleHeader, type HeaderInput } from '../../shared/webhooks/bytes';
import {
	DEFAULT_TOLERANCE_SECONDS,
	verifyStandardWebhook,
} from '../../shared/webhooks/standard-webhooks';

/**
 * The whole check of one delivery, before anything is stored or executed: size, signature over the
 * raw bytes, then the envelope. Pure, so the benchmark measures exactly what the trigger runs.
 */

/** Envelopes carry ids, not resources (docs/api/conventions.md#webhook-delivery); anything near this size is not a VideoVector event. */
export const MAX_ENVELOPE_BYTES = 1024 * 1024;

export type RequestHeaders = Readonly<Record<string, HeaderInput>>;

export interface DeliveryMetadata {
	mode: 'direct' | 'receiver';
	webhook_id: string | null;
	/** The dedupe key: `X-Delivery-Id` (else the envelope id), or `webhook-id` from the receiver. */
	delivery_id: string;
	attempt_id: string | null;
	idempotency_key: string | null;
}

export type DeliveryRefusal = {
	ok: false;
	status: 400 | 401 | 413;
	reason: string;
	detail?: string;
};
export type DeliveryVerdict =
	{ ok: true; envelope: WebhookEventEnvelope; delivery: DeliveryMetadata } | DeliveryRefusal;

/** One registration's accepted secrets (current first). */
export interface SigningSet {
	webhookId: string;
	secrets: readonly string[];
}

const ATTEMPT_ID_HEADER = 'x-delivery-attempt-id';
const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

function header(headers: RequestHeaders, name: string): string | undefined {
	const value = singleHeader(findHeader(headers, name))?.trim();
	return value === '' ? undefined : value;
}

function tooLarge(rawBody: Uint8Array | undefined, maxBytes: number): DeliveryRefusal | undefined {
	if (rawBody !== undefined && rawBody.length > maxBytes) {
		return {
			ok: false,
			status: 413,
			reason: 'body_too_large',
			detail: `${rawBody.length} bytes, limit ${maxBytes}`,
		};
	}
	return undefined;
}

/** Parsed only after the signature matched, so unauthenticated callers learn nothing from it. */
export function parseEnvelope(
	rawBody: Uint8Array,
): { ok: true; envelope: WebhookEventEnvelope } | DeliveryRefusal {
	let json: unknown;
	try {
		json = JSON.parse(
			Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString('utf8'),
		);
	} catch (error) {
		return {
			ok: false,
			status: 400,
			reason: 'malformed_json',
			detail: error instanceof Error ? error.message : 'unparsable',
		};
	}
	const parsed = webhookEventEnvelopeSchema.safeParse(json);
	if (!parsed.success) {
		const detail = parsed.error.issues
			.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
			.join('; ');
		return { ok: false, status: 400, reason: 'invalid_envelope', detail };
	}
	return { ok: true, envelope: parsed.data };
}

/** A delivery straight from VideoVector: `X-Webhook-Signature: sha256=…` and `X-Webhook-Id` (docs/api/conventions.md#webhook-delivery, docs/api/conventions.md#webhook-signature). */
export function verifyApiDelivery(input: {
	rawBody: Uint8Array | undefined;
	headers: RequestHeaders;
	subscriptions: readonly SigningSet[];
	maxBodyBytes?: number;
}): DeliveryVerdict {
	const oversize = tooLarge(input.rawBody, input.maxBodyBytes ?? MAX_ENVELOPE_BYTES);
	if (oversize) return oversize;
	if (input.rawBody === undefined) return { ok: false, status: 401, reason: 'no_raw_body' };
	const claimed = header(input.headers, API_WEBHOOK_ID_HEADER);
	// Ids are not secret; the verifier still compares the chosen one in constant time.
	const subscription =
		input.subscriptions.find((candidate) => candidate.webhookId === claimed) ??
		input.subscriptions[0];
	const check = verifyApiWebhook({
		secrets: subscription?.secrets ?? [],
		rawBody: input.rawBody,
		signatureHeader: findHeader(input.headers, API_SIGNATURE_HEADER),
		webhookIdHeader: findHeader(input.headers, API_WEBHOOK_ID_HEADER),
		expectedWebhookId: subscription?.webhookId ?? '',
	});
	if (!check.ok || subscription === undefined)
		return { ok: false, status: 401, reason: check.ok ? 'no_secrets' : check.reason };
	const parsed = parseEnvelope(input.rawBody);
	if (!parsed.ok) return parsed;
	return {
		ok: true,
		envelope: parsed.envelope,
		delivery: {
			mode: 'direct',
			webhook_id: subscription.webhookId,
			delivery_id: header(input.headers, API_DELIVERY_ID_HEADER) ?? parsed.envelope.id,
			attempt_id: header(input.headers, ATTEMPT_ID_HEADER) ?? null,
			idempotency_key: header(input.headers, IDEMPOTENCY_KEY_HEADER) ?? null,
		},
	};
}

/**
 * A delivery forwarded by our webhook-receiver, re-signed per Standard Webhooks (±5 min). The
 * receiver sets `webhook-id` to VideoVector's delivery id (signed, so it is the dedupe key) and
 * forwards neither the subscription id nor attempt ids: those stay null.
 */
export function verifyReceiverDelivery(input: {
	rawBody: Uint8Array | undefined;
	headers: RequestHeaders;
	secrets: readonly string[];
	nowSeconds: number;
	toleranceSeconds?: number;
	maxBodyBytes?: number;
}): DeliveryVerdict {
	const oversize = tooLarge(input.rawBody, input.maxBodyBytes ?? MAX_ENVELOPE_BYTES);
	if (oversize) return oversize;
	if (input.rawBody === undefined) return { ok: false, status: 401, reason: 'no_raw_body' };
	const check = verifyStandardWebhook({
		secrets: input.secrets,
		headers: input.headers,
		rawBody: input.rawBody,
		nowSeconds: input.nowSeconds,
		toleranceSeconds: input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
	});
	if (!check.ok) return { ok: false, status: 401, reason: check.reason };
	const parsed = parseEnvelope(input.rawBody);
	if (!parsed.ok) return parsed;
	return {
		ok: true,
		envelope: parsed.envelope,
		delivery: {
			mode: 'receiver',
			webhook_id: null,
			delivery_id: check.id,
			attempt_id: null,
			idempotency_key: null,
		},
	};
}
