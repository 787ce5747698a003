import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { failuresFromReport, summaryTable } from '../../scripts/e2e-soak-report';

const root = '/repo';
let dir: string | undefined;

function report(content: unknown): string {
	dir = mkdtempSync(path.join(tmpdir(), 'vv-soak-'));
	const file = path.join(dir, 'report.json');
	writeFileSync(file, JSON.stringify(content));
	return file;
}

afterEach(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
	dir = undefined;
});

describe('soak report', () => {
	it('names each failing test with its file, and a file that failed outside its tests', () => {
		const file = report({
			testResults: [
				{
					name: '/repo/test/e2e/a.test.ts',
					status: 'failed',
					assertionResults: [
						{ fullName: 'suite passes', status: 'passed' },
						{ fullName: 'suite restarts', status: 'failed' },
					],
				},
				{
					name: '/repo/test/e2e/b.test.ts',
					status: 'failed',
					message: 'Hook timed out in 600000ms\nstack',
					assertionResults: [{ fullName: 'b skipped', status: 'skipped' }],
				},
				{ name: '/repo/test/e2e/c.test.ts', status: 'passed', assertionResults: [] },
			],
		});
		expect(failuresFromReport(file, root)).toEqual([
			'test/e2e/a.test.ts › suite restarts',
			'test/e2e/b.test.ts › (Hook timed out in 600000ms)',
		]);
	});

	it('says so when a run wrote no report', () => {
		expect(failuresFromReport('/nonexistent/report.json', root)).toEqual([
			'(no vitest report: the run stopped before writing one)',
		]);
	});

	it('prints one row per run and one more per further failing test', () => {
		const table = summaryTable([
			{ run: 1, seconds: 612.34, passed: true, failures: [], load: { mean: 7.25, max: 9.5 } },
			{
				run: 2,
				seconds: 700,
				passed: false,
				failures: ['a.test.ts › x', 'b.test.ts › y'],
				load: { mean: 8, max: 12.04 },
			},
		]);
		expect(table.split('\n')).toEqual([
			'run | seconds | load mean/max | result | failing tests',
			'--- | ------- | ------------- | ------ | -------------',
			'1   | 612.3   | 7.3/9.5       | passed |',
			'2   | 700.0   | 8.0/12.0      | FAILED | a.test.ts › x',
			'    |         |               |        | b.test.ts › y',
		]);
	});
});
