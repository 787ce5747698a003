/**
 * `npm run test:e2e:soak [-- <runs>] [--no-hog] [-- <vitest arguments>]`: runs the e2e suite
 * (`npm run test:e2e`) several times in a row (3 unless told) with a CPU hog on every core beside
 * it, then prints a table of each run's time, the machine's load average during it, its result
 * and its failing tests, and writes the same as JSON to test/e2e/.artifacts/soak/. It shows
 * whether the end-to-end suite passes every time on a busy machine, not just most times. Not run
 * by CI: it takes several full e2e runs. Exits non-zero when any run failed.
 *
 * `--no-hog` runs without the hog (the unloaded comparison); arguments after a second `--` go to
 * vitest (e.g. one test file, to try the soak itself). Each run is its own process tree; Ctrl-C
 * or SIGTERM stops that whole tree — vitest, its workers, and the n8n and Chromium process
 * groups they started detached — and the CPU hog, then reports the finished runs. What left the
 * tree (the queue-mode file's PostgreSQL, whose postmaster detaches) is stopped from the group
 * registry the harness records it in.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';

import { reapOrphanedGroups } from '../tools/n8n/group-registry';
import { n8nPaths, PROJECT_ROOT } from '../tools/n8n/paths';
import { stopTree } from '../tools/n8n/process-tree';
import { type CpuHog, startCpuHog } from './cpu-hog';
import { failuresFromReport, type SoakRun, summaryTable } from './e2e-soak-report';

interface SoakOptions {
	runs: number;
	hog: boolean;
	vitestArgs: string[];
}

const ARTIFACTS = path.join(PROJECT_ROOT, 'test', 'e2e', '.artifacts', 'soak');
/** A stopped run's n8n gets this long to shut down cleanly before SIGKILL. */
const STOP_GRACE_MS = 30_000;
const LOAD_SAMPLE_MS = 10_000;

const log = (message: string): void => {
	process.stdout.write(`[soak] ${message}\n`);
};

function parseOptions(argv: string[]): SoakOptions {
	const split = argv.indexOf('--');
	const own = split === -1 ? argv : argv.slice(0, split);
	const vitestArgs = split === -1 ? [] : argv.slice(split + 1);
	const unknown = own.filter((arg) => arg.startsWith('-') && arg !== '--no-hog');
	if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')}`);
	const raw = own.find((arg) => !arg.startsWith('-')) ?? process.env.VV_SOAK_RUNS ?? '3';
	const runs = Number(raw);
	if (!Number.isInteger(runs) || runs < 1)
		throw new Error(`the number of runs must be a whole number of at least 1, got "${raw}"`);
	return { runs, hog: !own.includes('--no-hog'), vitestArgs };
}

/** Samples the 1-minute load average while a run goes on. */
function loadSampler(): { stop(): { mean: number; max: number } } {
	const samples = [loadavg()[0] ?? 0];
	const timer = setInterval(() => samples.push(loadavg()[0] ?? 0), LOAD_SAMPLE_MS);
	return {
		stop() {
			clearInterval(timer);
			samples.push(loadavg()[0] ?? 0);
			const sum = samples.reduce((total, sample) => total + sample, 0);
			return { mean: sum / samples.length, max: Math.max(...samples) };
		},
	};
}

/** One `npm run test:e2e`, detached: the leader of a new process group and session of its own. */
function startRun(reportFile: string, vitestArgs: string[]): ChildProcess {
	const args = ['run', 'test:e2e', '--', '--reporter=default', '--reporter=json'];
	args.push(`--outputFile.json=${reportFile}`, ...vitestArgs);
	const child = spawn('npm', args, { stdio: 'inherit', detached: true });
	child.on('error', (error) => log(`could not start npm: ${error.message}`));
	return child;
}

function exited(child: ChildProcess): Promise<number | null> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
	return new Promise((resolve) => {
		child.once('exit', (code) => resolve(code));
		child.once('error', () => resolve(null));
	});
}

async function main(): Promise<number> {
	const options = parseOptions(process.argv.slice(2));
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	mkdirSync(ARTIFACTS, { recursive: true });
	const hog: CpuHog | null = options.hog ? startCpuHog(log) : null;
	log(
		`${hog ? `CPU hog: ${hog.description}` : 'no CPU hog'}; ${options.runs} run(s) of npm run test:e2e` +
			`${options.vitestArgs.length ? ` ${options.vitestArgs.join(' ')}` : ''}; load now ${loadavg()[0]?.toFixed(2)}`,
	);

	let current: ChildProcess | undefined;
	let stopping: Promise<void> | undefined;
	let signalled: NodeJS.Signals | undefined;
	const onSignal = (signal: NodeJS.Signals) => {
		// Repeats (a terminal's Ctrl-C reaches every process of the foreground group) change nothing.
		if (signalled) return;
		signalled = signal;
		log(`${signal}: stopping the run in progress and everything it started …`);
		stopping = current?.pid ? stopTree(current.pid, STOP_GRACE_MS) : Promise.resolve();
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	const results: SoakRun[] = [];
	try {
		for (let run = 1; run <= options.runs && !signalled; run++) {
			log(`run ${run}/${options.runs} starts`);
			const reportFile = path.join(ARTIFACTS, `${stamp}-run${run}.json`);
			const sampler = loadSampler();
			const started = performance.now();
			current = startRun(reportFile, options.vitestArgs);
			const code = await exited(current);
			const seconds = (performance.now() - started) / 1000;
			const load = sampler.stop();
			if (signalled) {
				results.push({ run, seconds, passed: false, stopped: true, failures: [], load });
				break;
			}
			const passed = code === 0;
			const failures = passed ? [] : failuresFromReport(reportFile, PROJECT_ROOT);
			results.push({ run, seconds, passed, failures, load });
			log(`run ${run}/${options.runs} ${passed ? 'passed' : 'FAILED'} in ${seconds.toFixed(1)} s`);
		}
	} finally {
		await stopping;
		// A worker killed before it could stop its n8n leaves the group recorded; its owner is dead now.
		if (signalled)
			for (const group of await reapOrphanedGroups(n8nPaths().groups))
				log(`stopped ${group.label} (pid ${group.pid}) that outlived its run`);
		await hog?.stop();
		if (hog) log('CPU hog stopped');
	}

	const summaryFile = path.join(ARTIFACTS, `${stamp}.json`);
	writeFileSync(
		summaryFile,
		JSON.stringify({ hog: hog?.description ?? null, runs: options.runs, results }, null, 2),
	);
	process.stdout.write(`\n${summaryTable(results)}\n\n`);
	const failed = results.filter((result) => !result.passed && !result.stopped).length;
	const finished = results.filter((result) => !result.stopped).length;
	if (signalled) log(`stopped by ${signalled} after ${finished} of ${options.runs} runs`);
	else
		log(
			failed === 0
				? `all ${options.runs} runs passed${hog ? ' under load' : ''}`
				: `${failed} of ${options.runs} runs failed`,
		);
	log(`summary written to ${path.relative(PROJECT_ROOT, summaryFile)}`);
	if (signalled) {
		// Exit the way the signal would have (status 128 + number), so callers see the interruption.
		process.removeAllListeners(signalled);
		process.kill(process.pid, signalled);
	}
	return failed === 0 && finished === options.runs ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`[soak] ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	},
);
