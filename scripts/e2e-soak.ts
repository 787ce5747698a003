/**
 * `npm run test:e2e:soak [-- <runs>]`: runs `npm run test:e2e` several times in a row (3 unless
 * told) with a CPU hog on every core beside it, then prints each run's time and result. It shows
 * whether the end-to-end suite passes every time on a busy machine, not just most times. Not run
 * by CI: it takes several full e2e runs. Exits non-zero when any run failed.
 */
import { type ChildProcess, spawn } from 'node:child_process';

import { startCpuHog } from './cpu-hog';

interface RunResult {
	run: number;
	seconds: number;
	passed: boolean;
}

const log = (message: string): void => {
	process.stdout.write(`[soak] ${message}\n`);
};

function parseRuns(argv: string[]): number {
	const raw = argv[0] ?? process.env.VV_SOAK_RUNS ?? '3';
	const runs = Number(raw);
	if (!Number.isInteger(runs) || runs < 1)
		throw new Error(`the number of runs must be a whole number of at least 1, got "${raw}"`);
	return runs;
}

/** The e2e run in progress, so an interrupted soak can stop it too. */
let current: ChildProcess | undefined;

function runE2e(): Promise<boolean> {
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', 'test:e2e'], { stdio: 'inherit' });
		current = child;
		child.on('error', () => resolve(false));
		child.on('exit', (code) => resolve(code === 0));
	});
}

function printSummary(results: RunResult[], runs: number): number {
	for (const result of results)
		log(
			`run ${result.run}: ${result.seconds.toFixed(1)} s, ${result.passed ? 'passed' : 'FAILED'}`,
		);
	const failed = results.filter((result) => !result.passed).length;
	if (results.length < runs) log(`stopped after ${results.length} of ${runs} runs`);
	else
		log(failed === 0 ? `all ${runs} runs passed under load` : `${failed} of ${runs} runs failed`);
	return failed === 0 && results.length === runs ? 0 : 1;
}

async function main(): Promise<number> {
	const runs = parseRuns(process.argv.slice(2));
	const hog = startCpuHog(log);
	log(`CPU hog: ${hog.description}; ${runs} run(s) of npm run test:e2e`);
	const results: RunResult[] = [];
	// Ctrl-C or a kill of the soak must not leave the hog running; the finished runs are still reported.
	const stopOnSignal = (signal: NodeJS.Signals) => {
		// npm passes the signal on to vitest, which stops its n8n instances.
		current?.kill(signal);
		void hog.stop().then(() => {
			log('CPU hog stopped');
			printSummary(results, runs);
			process.kill(process.pid, signal);
		});
	};
	process.once('SIGINT', stopOnSignal);
	process.once('SIGTERM', stopOnSignal);
	try {
		for (let run = 1; run <= runs; run++) {
			log(`run ${run}/${runs} starts`);
			const started = performance.now();
			const passed = await runE2e();
			const seconds = (performance.now() - started) / 1000;
			results.push({ run, seconds, passed });
			log(`run ${run}/${runs} ${passed ? 'passed' : 'FAILED'} in ${seconds.toFixed(1)} s`);
		}
	} finally {
		await hog.stop();
		log('CPU hog stopped');
	}
	return printSummary(results, runs);
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`[soak] ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	},
);
