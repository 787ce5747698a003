/**
 * `npm run bench`: runs every benchmark in this folder in one process order, prints each figure with
 * its ratio against the baseline measured in the same run, and writes bench/results.json.
 * `npm run bench -- pagination receiver` runs only the named ones; the figures of the others that
 * bench/results.json already holds are kept, so a partial rerun does not lose them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { BenchResult } from './result';

const BENCHES = [
	'pagination',
	'node-return-all',
	'prompt-run-results',
	'node-upload',
	'n8n-return-all',
	'n8n-upload',
	'receiver',
	'receiver-replicas',
	'trigger-verify',
	'sse-trigger',
	'n8n-startup',
	'event-latency',
];

type BenchFn = () => Promise<BenchResult[]>;

/** A figure as stored: which bench measured it, and when. */
type StoredResult = BenchResult & { bench: string; measuredAt: string };

const RESULTS_FILE = join(__dirname, 'results.json');

/** Figures of benches that are not rerun now, from an earlier run (none if the file is unreadable). */
function keptResults(rerun: readonly string[]): StoredResult[] {
	try {
		const stored = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Array<Partial<StoredResult>>;
		return stored.filter(
			(entry): entry is StoredResult =>
				typeof entry.bench === 'string' && !rerun.includes(entry.bench),
		);
	} catch {
		return [];
	}
}

/** A bench module exports `run`, a default, or a single async function under its own name. */
function benchFunction(module: Record<string, unknown>): BenchFn {
	const candidate =
		module.run ??
		module.default ??
		Object.values(module).find((value) => typeof value === 'function');
	if (typeof candidate !== 'function') throw new Error('bench module exports no function');
	return candidate as BenchFn;
}

async function main(): Promise<void> {
	const only = process.argv.slice(2);
	const selected = only.length > 0 ? BENCHES.filter((name) => only.includes(name)) : BENCHES;
	const results: StoredResult[] = [];
	for (const name of selected) {
		const file = join(__dirname, `${name}.ts`);
		if (!existsSync(file)) {
			console.log(`bench ${name}: not present, skipped`);
			continue;
		}
		console.log(`bench ${name}: running…`);
		const figures = await benchFunction(await import(file))();
		for (const figure of figures) {
			const ratio = figure.ratio === null ? '' : ` ratio ${figure.ratio}`;
			const baseline =
				figure.baseline === null ? '' : ` (baseline ${figure.baseline} ${figure.unit})`;
			console.log(
				`  ${figure.pass ? 'PASS' : 'MISS'} ${figure.name}: ${figure.value} ${figure.unit}${baseline}${ratio} — target ${figure.target}`,
			);
		}
		const measuredAt = new Date().toISOString();
		results.push(...figures.map((figure) => ({ bench: name, measuredAt, ...figure })));
	}
	const all = [...keptResults(selected), ...results].sort(
		(a, b) => BENCHES.indexOf(a.bench) - BENCHES.indexOf(b.bench),
	);
	writeFileSync(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
	console.log(`bench: ${results.length} figures measured now, ${all.length} in bench/results.json`);
}

void main();
