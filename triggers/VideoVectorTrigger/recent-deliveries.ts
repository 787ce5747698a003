import { setMostRecent } from './bounded-map';
import { alreadySeen, rememberDelivery, type SeenDelivery } from './delivery-dedupe';

/**
 * Delivery ids accepted by this n8n process, per trigger endpoint. n8n saves a trigger's static data
 * only once the execution a delivery started has finished, and answers VideoVector before that; a
 * duplicate arriving in between (a quick retry, or the same event twice) would not find the id in
 * static data yet. This copy closes that window within one process; static data covers restarts.
 * (Several webhook processes in queue mode each have their own copy.)
 */
export class RecentDeliveries {
	private readonly scopes = new Map<string, SeenDelivery[]>();

	constructor(private readonly maxScopes = 1_000) {}

	has(scope: string, id: string): boolean {
		return alreadySeen(this.scopes.get(scope) ?? [], id);
	}

	remember(scope: string, id: string, nowMs: number): void {
		setMostRecent(
			this.scopes,
			scope,
			rememberDelivery(this.scopes.get(scope) ?? [], id, nowMs).seen,
			this.maxScopes,
		);
	}

	/** What a restart of n8n does to this memory. */
	clear(): void {
		this.scopes.clear();
	}
}

export const recentDeliveries = new RecentDeliveries();
