import { setMostRecent } from './bounded-map';

/**
 * The receiver secrets each trigger endpoint read last. Reading a credential inside a webhook costs
 * n8n 2.41 about 55 ms (measured in bench/event-latency.ts: it was most of the receiver path's
 * latency), while checking a signature costs microseconds. So a delivery is first checked against
 * the secrets read for an earlier one; only when that fails, or the copy is older than `ttlMs`, is
 * the credential read again.
 * - A secret added to the credential (rotation) is accepted at once: the failed check re-reads it.
 * - A secret removed from it is still accepted for at most `ttlMs`.
 * The copy lives in this n8n process's memory only, like n8n's own decrypted credentials do while
 * an execution runs.
 */
export class ReceiverSecretCache {
	private readonly entries = new Map<string, { secrets: readonly string[]; readAt: number }>();

	constructor(
		readonly ttlMs = 60_000,
		private readonly maxEntries = 1_000,
	) {}

	/** The secrets read for `scope` less than `ttlMs` ago, if any. */
	get(scope: string, nowMs: number): readonly string[] | undefined {
		const entry = this.entries.get(scope);
		if (entry === undefined) return undefined;
		if (nowMs - entry.readAt >= this.ttlMs || nowMs < entry.readAt) {
			this.entries.delete(scope);
			return undefined;
		}
		return entry.secrets;
	}

	set(scope: string, secrets: readonly string[], nowMs: number): void {
		setMostRecent(this.entries, scope, { secrets, readAt: nowMs }, this.maxEntries);
	}

	/** What a restart of n8n does to this memory. */
	clear(): void {
		this.entries.clear();
	}
}

export const receiverSecretCache = new ReceiverSecretCache();
