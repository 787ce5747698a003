import { setMostRecent } from './bounded-map';
import { alreadySeen, rememberDelivery, type SeenDelivery } from './delivery-dedupe';

/**
 * Delivery ids answered by this n8n process, per trigger endpoint: the trigger's de-duplication
 * memory, and what the start-up recovery (unanswered-deliveries.ts) counts as answered here. The
 * copy in static data would cover restarts, but n8n 2.41.1 does not save what webhook() writes
 * there (README: Duplicates and replays). (Several webhook processes in queue mode each have their
 * own copy.)
 */
export class RecentDeliveries {
	private readonly scopes = new Map<string, { seen: SeenDelivery[]; floorMs: number }>();

	constructor(private readonly maxScopes = 1_000) {}

	has(scope: string, id: string): boolean {
		return alreadySeen(this.scopes.get(scope)?.seen ?? [], id);
	}

	/** Envelopes created at or before this were pushed out by the count bound: refuse them. */
	floor(scope: string): number {
		return this.scopes.get(scope)?.floorMs ?? 0;
	}

	/** `atMs`: from when the id's window counts (acceptance, or created_at if later). */
	remember(scope: string, id: string, atMs: number, nowMs: number = atMs): void {
		const entry = this.scopes.get(scope);
		const remembered = rememberDelivery(entry?.seen ?? [], id, atMs, nowMs);
		setMostRecent(
			this.scopes,
			scope,
			{ seen: remembered.seen, floorMs: Math.max(entry?.floorMs ?? 0, remembered.evictedAt) },
			this.maxScopes,
		);
	}

	/** What a restart of n8n does to this memory. */
	clear(): void {
		this.scopes.clear();
	}
}

export const recentDeliveries = new RecentDeliveries();
