import type { GaugeSample } from './registry';

/**
 * A gauge sampler that runs its query at most once per `maxAgeMs` (real time), however often
 * /metrics is scraped: an unauthenticated endpoint must not be a way to make the store work.
 * Concurrent scrapes share the one query in flight.
 */
export function cachedSample(
	sample: () => Promise<GaugeSample[]>,
	maxAgeMs: number,
	now: () => number = () => performance.now(),
): () => Promise<GaugeSample[]> {
	let last: { at: number; value: Promise<GaugeSample[]> } | undefined;
	return () => {
		const at = now();
		if (last === undefined || at - last.at >= maxAgeMs) {
			const value = sample();
			last = { at, value };
			// A failed query is not cached: the next scrape tries again.
			value.catch(() => {
				if (last?.value === value) last = undefined;
			});
		}
		return last.value;
	};
}
