/**
 * The signing secrets a registration accepts. The current secret has no end; a secret replaced by a
 * newer one stays valid until `validUntil` (epoch ms) so deliveries the API signed — or retries it
 * queued — before the change still verify during the overlap window.
 */
export interface SigningSecret {
	secret: string;
	/** Epoch milliseconds after which the secret is refused; null for the current secret. */
	validUntil: number | null;
}

/** Secrets accepted at `nowMs`, current first (the shared verifier tries them all in constant time). */
export function acceptedSecrets(secrets: readonly SigningSecret[], nowMs: number): string[] {
	const live = secrets.filter(
		(entry) => entry.secret !== '' && (entry.validUntil === null || entry.validUntil > nowMs),
	);
	const current = live.filter((entry) => entry.validUntil === null);
	const previous = live.filter((entry) => entry.validUntil !== null);
	return [...current, ...previous].map((entry) => entry.secret);
}

/** Whether a usable current secret exists (fail closed otherwise). */
export function hasCurrentSecret(secrets: readonly SigningSecret[]): boolean {
	return secrets.some((entry) => entry.validUntil === null && entry.secret !== '');
}

/**
 * Makes `secret` the current one. Every other still-valid secret is kept until `nowMs + overlapMs`
 * (never extended past an earlier end it already had); expired ones are dropped, so the list stays
 * short however often the secret changes.
 */
export function rotateInSecret(
	secrets: readonly SigningSecret[],
	secret: string,
	nowMs: number,
	overlapMs: number,
): SigningSecret[] {
	const end = nowMs + Math.max(0, overlapMs);
	const previous = secrets
		.filter((entry) => entry.secret !== secret && entry.secret !== '')
		.map((entry) => ({
			secret: entry.secret,
			validUntil: entry.validUntil === null ? end : Math.min(entry.validUntil, end),
		}))
		.filter((entry) => entry.validUntil > nowMs);
	return [{ secret, validUntil: null }, ...previous];
}
