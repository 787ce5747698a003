/** A source of numbers in [0, 1); injected so retry jitter is reproducible in tests. */
export type Random = () => number;

/**
 * mulberry32: a tiny seeded generator, good enough for jitter. Production uses Math.random; tests
 * pass a seed so a run's retry schedule is the same every time.
 */
export function seededRandom(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
