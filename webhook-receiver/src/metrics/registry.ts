/**
 * A small Prometheus text-format (0.0.4) registry: counters, gauges sampled at scrape time, and
 * histograms. Written here rather than pulled in because the receiver needs a dozen series.
 */

export type Labels = Readonly<Record<string, string>>;

function escapeLabelValue(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatLabels(labels: Labels, extra?: readonly [string, string]): string {
	const pairs = Object.entries(labels).map(
		([name, value]) => `${name}="${escapeLabelValue(value)}"`,
	);
	if (extra !== undefined) pairs.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
	return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

function formatNumber(value: number): string {
	if (value === Number.POSITIVE_INFINITY) return '+Inf';
	if (value === Number.NEGATIVE_INFINITY) return '-Inf';
	return Number.isNaN(value) ? 'NaN' : String(value);
}

function labelKey(labels: Labels): string {
	return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

interface Metric {
	render(): Promise<string[]> | string[];
}

function header(name: string, help: string, type: string): string[] {
	return [
		`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`,
		`# TYPE ${name} ${type}`,
	];
}

export class Counter implements Metric {
	private readonly series = new Map<string, { labels: Labels; value: number }>();

	constructor(
		readonly name: string,
		private readonly help: string,
	) {}

	inc(labels: Labels = {}, amount = 1): void {
		const key = labelKey(labels);
		const entry = this.series.get(key);
		if (entry === undefined) this.series.set(key, { labels, value: amount });
		else entry.value += amount;
	}

	value(labels: Labels = {}): number {
		return this.series.get(labelKey(labels))?.value ?? 0;
	}

	render(): string[] {
		const lines = header(this.name, this.help, 'counter');
		if (this.series.size === 0) lines.push(`${this.name} 0`);
		for (const { labels, value } of this.series.values())
			lines.push(`${this.name}${formatLabels(labels)} ${formatNumber(value)}`);
		return lines;
	}
}

export interface GaugeSample {
	labels?: Labels;
	value: number;
}

/** A gauge read when scraped (e.g. queue depth from the store), so it is never stale. */
export class SampledGauge implements Metric {
	constructor(
		readonly name: string,
		private readonly help: string,
		private readonly sample: () => Promise<GaugeSample[]> | GaugeSample[],
	) {}

	async render(): Promise<string[]> {
		const lines = header(this.name, this.help, 'gauge');
		for (const { labels, value } of await this.sample())
			lines.push(`${this.name}${formatLabels(labels ?? {})} ${formatNumber(value)}`);
		return lines;
	}
}

export class Histogram implements Metric {
	private readonly counts: number[];
	private sum = 0;
	private count = 0;

	constructor(
		readonly name: string,
		private readonly help: string,
		/** Upper bounds, ascending; +Inf is implicit. */
		private readonly buckets: readonly number[],
	) {
		this.counts = buckets.map(() => 0);
	}

	observe(value: number): void {
		this.sum += value;
		this.count += 1;
		// Non-cumulative per bucket; rendering accumulates, so observe stays O(log n)-cheap in practice.
		const index = this.buckets.findIndex((bound) => value <= bound);
		if (index !== -1) this.counts[index] = (this.counts[index] ?? 0) + 1;
	}

	get observations(): number {
		return this.count;
	}

	render(): string[] {
		const lines = header(this.name, this.help, 'histogram');
		let cumulative = 0;
		this.buckets.forEach((bound, index) => {
			cumulative += this.counts[index] ?? 0;
			lines.push(
				`${this.name}_bucket${formatLabels({}, ['le', formatNumber(bound)])} ${cumulative}`,
			);
		});
		lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`);
		lines.push(`${this.name}_sum ${formatNumber(this.sum)}`);
		lines.push(`${this.name}_count ${this.count}`);
		return lines;
	}
}

export class MetricsRegistry {
	private readonly metrics: Metric[] = [];

	register<M extends Metric>(metric: M): M {
		this.metrics.push(metric);
		return metric;
	}

	async render(): Promise<string> {
		const blocks = await Promise.all(this.metrics.map((metric) => metric.render()));
		return `${blocks.flat().join('\n')}\n`;
	}
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
