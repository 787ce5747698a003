/**
 * Delivery ids already turned into an execution. VideoVector delivers at least once and retries
 * with the same delivery id (contract §16.3), and its signature has no timestamp (§16.4), so this
 * list is both the "start once" guarantee and the replay protection.
 */
export interface SeenDelivery {
	id: string;
	/** Epoch milliseconds of acceptance. */
	at: number;
}

export interface DedupeLimits {
	maxEntries: number;
	maxAgeMs: number;
}

/** The API gives up after about 7 h of retries (§16.3); a day of memory covers it with margin. */
export const DEFAULT_DEDUPE_LIMITS: DedupeLimits = { maxEntries: 1_000, maxAgeMs: 24 * 60 * 60 * 1000 };

export function alreadySeen(seen: readonly SeenDelivery[], id: string): boolean {
	return seen.some((entry) => entry.id === id);
}

/** Adds `id` (newest last) and drops what is older than the window or beyond the bound. */
export function rememberDelivery(
	seen: readonly SeenDelivery[],
	id: string,
	nowMs: number,
	limits: DedupeLimits = DEFAULT_DEDUPE_LIMITS,
): SeenDelivery[] {
	const fresh = seen.filter((entry) => entry.id !== id && nowMs - entry.at < limits.maxAgeMs);
	fresh.push({ id, at: nowMs });
	return fresh.slice(Math.max(0, fresh.length - limits.maxEntries));
}
