/** One figure of a benchmark, as written to bench/results.json (the format every bench shares). */
export interface BenchResult {
	name: string;
	value: number;
	unit: string;
	/** The same figure for the baseline measured in the same run (null where a figure has none). */
	baseline: number | null;
	/** value / baseline (null without a baseline). */
	ratio: number | null;
	/** Human-readable target, e.g. "ratio <= 1.2" or "< 100 MB". */
	target: string;
	pass: boolean;
}

export function ratioOf(value: number, baseline: number): number {
	return baseline === 0 ? Number.POSITIVE_INFINITY : Number((value / baseline).toFixed(3));
}

/** Resident set size in MB, after asking V8 to collect so growth reflects what is really kept. */
export function rssMb(): number {
	(globalThis as { gc?: () => void }).gc?.();
	return process.memoryUsage().rss / 1024 / 1024;
}
