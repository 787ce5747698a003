/**
 * Envelope ids already turned into an execution. VideoVector delivers at least once and retries
 * with the same envelope (see emulator/README.md on webhook delivery), and its signature covers the
 * body only, so this list is both the "start once" guarantee and, with the created_at window of
 * shared/webhooks/replay-rule.ts, the replay protection.
 */
export interface SeenDelivery {
	id: string;
	/** Epoch milliseconds from which the 24 h are counted: acceptance, or created_at if later. */
	at: number;
}

/** The remembered ids plus the newest `at` the count bound has pushed out (0 if none). */
export interface Remembered {
	seen: SeenDelivery[];
	evictedAt: number;
}

export interface DedupeLimits {
	maxEntries: number;
	maxAgeMs: number;
}

/** The API gives up after about 7 h of retries (docs/api/conventions.md#webhook-delivery); a day of memory covers it with margin. */
export const DEFAULT_DEDUPE_LIMITS: DedupeLimits = {
	maxEntries: 1_000,
	maxAgeMs: 24 * 60 * 60 * 1000,
};

export function alreadySeen(seen: readonly SeenDelivery[], id: string): boolean {
	return seen.some((entry) => entry.id === id);
}

/**
 * Adds `id` (newest last, counted from `atMs`) and drops what is older than the window or beyond
 * the bound. An id dropped for the bound is still inside the window, so the caller must refuse
 * envelopes created up to `evictedAt` (see checkReplayRule's floor).
 */
export function rememberDelivery(
	seen: readonly SeenDelivery[],
	id: string,
	atMs: number,
	nowMs: number = atMs,
	limits: DedupeLimits = DEFAULT_DEDUPE_LIMITS,
): Remembered {
	const fresh = seen.filter((entry) => entry.id !== id && nowMs - entry.at < limits.maxAgeMs);
	fresh.push({ id, at: atMs });
	const cut = Math.max(0, fresh.length - limits.maxEntries);
	const evictedAt = fresh.slice(0, cut).reduce((latest, entry) => Math.max(latest, entry.at), 0);
	return { seen: fresh.slice(cut), evictedAt };
}
