/**
 * n8n with this package vs n8n alone, both real n8n 2.41.1 from the cache (warm install):
 *  - time from starting the stack (fresh data folder: package install into ~/.n8n/nodes,
 *    emulator, n8n boot with migrations, owner, API key, credential) to a ready editor, against
 *    the same start without the package (no package, no credential) — target ratio ≤ 1.2;
 *  - resident memory of n8n (main process + task runner) once ready and the node types were
 *    served, with the package vs without — target ratio ≤ 1.1.
 * Starts alternate (without, with) for ROUNDS rounds; the best of each is kept, as load from
 * other processes only ever adds time and memory.
 * Run alone: `npx tsx bench/n8n-startup.ts`; in the suite: `npm run bench -- n8n-startup`.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';

import { buildPackage, packPackage } from '../tools/n8n/community-package';
import { ensureN8nInstalled } from '../tools/n8n/install';
import { consoleLog } from '../tools/n8n/log';
import { resolveNodeRuntime } from '../tools/n8n/node-runtime';
import { n8nPaths } from '../tools/n8n/paths';
import { startStack } from '../test/e2e/harness/stack';
import { ratioOf, type BenchResult } from './result';

const ROUNDS = 2;
const STARTUP_RATIO_TARGET = 1.2;
const RSS_RATIO_TARGET = 1.1;

interface Sample {
	readyMs: number;
	rssMb: number;
}

async function sample(tarball: string | null): Promise<Sample> {
	const started = performance.now();
	const stack = await startStack({ tarball, logLevel: 'warn' });
	try {
		const readyMs = performance.now() - started;
		// The editor fetches the node types first; serving them is part of being ready to edit.
		await stack.nodeTypes();
		const { main, children } = stack.n8n.rssKb();
		return { readyMs, rssMb: (main + children) / 1024 };
	} finally {
		await stack.stop();
	}
}

function best(samples: Sample[], key: keyof Sample): number {
	return Math.min(...samples.map((entry) => entry[key]));
}

export async function run(): Promise<BenchResult[]> {
	const paths = n8nPaths();
	await ensureN8nInstalled(paths, await resolveNodeRuntime(paths.cache, consoleLog), consoleLog);
	await buildPackage();
	const packDir = path.join(paths.scratch, `bench-package-${process.pid}`);
	const tarball = await packPackage(packDir);

	const without: Sample[] = [];
	const withPackage: Sample[] = [];
	try {
		for (let round = 0; round < ROUNDS; round++) {
			without.push(await sample(null));
			withPackage.push(await sample(tarball));
		}
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}

	const readyMs = Math.round(best(withPackage, 'readyMs'));
	const baselineReadyMs = Math.round(best(without, 'readyMs'));
	const rss = Number(best(withPackage, 'rssMb').toFixed(1));
	const baselineRss = Number(best(without, 'rssMb').toFixed(1));
	const startupRatio = ratioOf(readyMs, baselineReadyMs);
	const rssRatio = ratioOf(rss, baselineRss);
	return [
		{
			name: 'n8n-startup: stack start to ready editor (fresh data folder, warm install), with the package vs n8n alone',
			value: readyMs,
			unit: 'ms',
			baseline: baselineReadyMs,
			ratio: startupRatio,
			target: `ratio <= ${STARTUP_RATIO_TARGET}`,
			pass: startupRatio <= STARTUP_RATIO_TARGET,
		},
		{
			name: 'n8n-startup: n8n RSS (main + task runner) once ready, with the package vs without',
			value: rss,
			unit: 'MB',
			baseline: baselineRss,
			ratio: rssRatio,
			target: `ratio <= ${RSS_RATIO_TARGET}`,
			pass: rssRatio <= RSS_RATIO_TARGET,
		},
	];
}

if (require.main === module) {
	void run().then((results) => console.log(JSON.stringify(results, null, 2)));
}
