/**
 * `npm run bench`: runs every benchmark in this folder in one process order, prints each figure with
 * its ratio against the baseline measured in the same run, and writes bench/results.json.
 * `npm run bench -- pagination receiver` runs only the named ones.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { BenchResult } from './result';

const BENCHES = [
	'pagination',
	'node-return-all',
	'node-upload',
	'receiver',
	'trigger-verify',
	'sse-trigger',
	'n8n-startup',
	'event-latency',
];

type BenchFn = () => Promise<BenchResult[]>;

/** A bench module exports `run`, a default, or a single async function under its own name. */
function benchFunction(module: Record<string, unknown>): BenchFn {
	const candidate = module.run ?? module.default ?? Object.values(module).find((value) => typeof value === 'function');
	if (typeof candidate !== 'function') throw new Error('bench module exports no function');
	return candidate as BenchFn;
}

async function main(): Promise<void> {
	const only = process.argv.slice(2);
	const selected = only.length > 0 ? BENCHES.filter((name) => only.includes(name)) : BENCHES;
	const results: BenchResult[] = [];
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
			const baseline = figure.baseline === null ? '' : ` (baseline ${figure.baseline} ${figure.unit})`;
			console.log(`  ${figure.pass ? 'PASS' : 'MISS'} ${figure.name}: ${figure.value} ${figure.unit}${baseline}${ratio} — target ${figure.target}`);
		}
		results.push(...figures);
	}
	writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
	console.log(`bench: ${results.length} figures written to bench/results.json`);
}

void main();
