import { errorText } from '../log/error-text';
import type { Logger } from '../log/logger';
import type { Clock } from '../time/clock';
import type { DeliveryStore } from './delivery-store';

export interface RetentionOptions {
	store: DeliveryStore;
	clock: Clock;
	logger: Logger;
	/** Fully delivered deliveries older than this are deleted. */
	retentionMs: number;
	/** Dead letters dead for longer than this are deleted (and then their delivery, once nothing else is pending). */
	deadLetterRetentionMs: number;
	/** Pause between passes (clock time). */
	intervalMs: number;
}

/** Rows per transaction, so a large backlog never blocks ingestion for long. */
const CHUNK = 2000;

/**
 * Keeps the database from growing forever: periodically deletes deliveries whose every forward
 * was delivered and that are older than the retention. Returns a stop function.
 */
export function startRetention(options: RetentionOptions): () => Promise<void> {
	const stop = new AbortController();
	const loop = (async () => {
		while (!stop.signal.aborted) {
			try {
				let removed = 0;
				let chunk: number;
				const now = options.clock.now();
				let dead = 0;
				do {
					chunk = await options.store.pruneDeadLetters(now - options.deadLetterRetentionMs, CHUNK);
					dead += chunk;
				} while (chunk === CHUNK && !stop.signal.aborted);
				if (dead > 0) options.logger.info('retention.dead_letters_pruned', { forwards: dead });
				const cutoff = now - options.retentionMs;
				do {
					chunk = await options.store.prune(cutoff, CHUNK);
					removed += chunk;
				} while (chunk === CHUNK && !stop.signal.aborted);
				if (removed > 0) options.logger.info('retention.pruned', { deliveries: removed });
			} catch (error) {
				options.logger.error('retention.failed', { error: errorText(error) });
			}
			await options.clock.sleep(options.intervalMs, stop.signal);
		}
	})();
	return async () => {
		stop.abort();
		await loop;
	};
}
