import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One e2e run of a soak: how long it took, whether it passed, and which tests failed. */
export interface SoakRun {
	run: number;
	seconds: number;
	passed: boolean;
	/** Stopped by a signal before it finished (neither passed nor failed). */
	stopped?: boolean;
	/** `file › test name`; a file that failed outside a test (a hook, an import) shows as `file › (…)`. */
	failures: string[];
	/** The 1-minute load average sampled during the run (other programs plus the CPU hog): mean and max. */
	load: { mean: number; max: number };
}

/** The parts of vitest's JSON report (`--reporter=json`) read here. */
interface JsonReport {
	testResults?: Array<{
		name: string;
		status: string;
		message?: string;
		assertionResults?: Array<{ fullName: string; status: string }>;
	}>;
}

/**
 * The failing tests named in vitest's JSON report of one run; a note instead when there is no
 * report (the run was stopped, or vitest itself failed before writing one).
 */
export function failuresFromReport(file: string, root: string): string[] {
	let report: JsonReport;
	try {
		report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
	} catch {
		return ['(no vitest report: the run stopped before writing one)'];
	}
	return (report.testResults ?? []).flatMap((result) => {
		const where = path.relative(root, result.name);
		const failed = (result.assertionResults ?? []).filter((test) => test.status === 'failed');
		if (failed.length > 0) return failed.map((test) => `${where} › ${test.fullName}`);
		if (result.status !== 'failed') return [];
		const reason = (result.message ?? '').split('\n')[0]?.slice(0, 120) ?? '';
		return [`${where} › (${reason || 'failed outside a test'})`];
	});
}

/** The runs as a plain-text table, one row per failing test (the run's columns only on its first). */
export function summaryTable(runs: SoakRun[]): string {
	const header = ['run', 'seconds', 'load mean/max', 'result', 'failing tests'];
	const rows = runs.flatMap((run) => {
		const first = [
			String(run.run),
			run.seconds.toFixed(1),
			`${run.load.mean.toFixed(1)}/${run.load.max.toFixed(1)}`,
			run.stopped ? 'stopped' : run.passed ? 'passed' : 'FAILED',
		];
		const [firstFailure = run.passed || run.stopped ? '' : '(none reported)', ...more] =
			run.failures;
		return [[...first, firstFailure], ...more.map((failure) => ['', '', '', '', failure])];
	});
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
	);
	const line = (cells: string[]) =>
		cells
			.map((cell, column) => cell.padEnd(widths[column] ?? 0))
			.join(' | ')
			.trimEnd();
	return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
		'\n',
	);
}
