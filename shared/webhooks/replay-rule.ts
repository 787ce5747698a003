/**
 * Replay protection for VideoVector deliveries, shared by the webhook receiver and the trigger.
 *
 * The API signs the body only (no timestamp, docs/api/conventions.md#webhook-signature), so the one thing a captured delivery cannot
 * change is its envelope: `id` and `created_at`. De-duplication therefore keys on the envelope id
 * (per subscription), the unsigned `X-Delivery-Id` header must agree with it, and an envelope older
 * than the de-duplication memory is refused: once the memory has forgotten an id, its envelope is
 * already too old to be accepted again.
 */

export type ReplayRefusal =
	| { ok: false; reason: 'delivery_id_mismatch'; message: string }
	| { ok: false; reason: 'missing_created_at' | 'stale_envelope'; message: string };

export type ReplayCheck = { ok: true; createdAtMs: number } | ReplayRefusal;

export interface ReplayCheckInput {
	/** `X-Delivery-Id` (or Standard Webhooks `webhook-id` from the receiver); undefined when absent. */
	headerId: string | undefined;
	envelopeId: string;
	/** The envelope's signed `created_at` (ISO 8601). */
	createdAt: unknown;
	nowMs: number;
	/** How long the caller remembers an id, counted from max(acceptance, created_at). */
	windowMs: number;
	/** Envelopes created at or before this instant are refused (ids the memory had to drop early). */
	floorMs?: number;
}

/** Checks the three replay rules; `createdAtMs` is what the caller's memory must count from. */
export function checkReplayRule(input: ReplayCheckInput): ReplayCheck {
	if (input.headerId !== undefined && input.headerId !== input.envelopeId) {
		return {
			ok: false,
			reason: 'delivery_id_mismatch',
			message: 'The delivery id header does not match the signed envelope id',
		};
	}
	const createdAtMs =
		typeof input.createdAt === 'string' ? Date.parse(input.createdAt) : Number.NaN;
	if (!Number.isFinite(createdAtMs)) {
		return {
			ok: false,
			reason: 'missing_created_at',
			message: 'The envelope has no valid created_at',
		};
	}
	if (
		createdAtMs < input.nowMs - input.windowMs ||
		(input.floorMs !== undefined && createdAtMs <= input.floorMs)
	) {
		return {
			ok: false,
			reason: 'stale_envelope',
			message: 'The envelope is older than the de-duplication window',
		};
	}
	return { ok: true, createdAtMs };
}
