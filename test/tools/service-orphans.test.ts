import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { reapOrphanedGroups } from '../../tools/n8n/group-registry';
import { identify } from '../../tools/n8n/process-identity';
import { ensurePostgres } from '../../tools/services/postgres';
import { ensureRedis } from '../../tools/services/redis';

/**
 * PostgreSQL detaches from whoever started it (pg_ctl puts the postmaster in a session of its
 * own) and Redis runs as a process group of its own, so a test process killed hard (a soak
 * stopped mid-run, a vitest worker SIGKILLed) left both running. Recorded in the group registry,
 * the next run's reaper stops them.
 */

const STARTER = path.join(__dirname, 'fixtures', 'service-orphan-starter.ts');
const TSX = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');

interface Started {
	postmaster: number;
	cluster: string;
	redis: number;
}

const quiet = (): void => undefined;
const leftovers: number[] = [];
let registry: string;

// A fresh CI machine installs both from Debian first; that is not part of the test's own time.
beforeAll(async () => {
	await ensurePostgres(quiet);
	await ensureRedis(quiet);
}, 900_000);

/** Runs the starter to its (self-inflicted) end: its output and exit status. */
function runStarter(
	registryDir: string,
): Promise<{ stdout: string; stderr: string; status: number | null }> {
	return new Promise((resolve, reject) => {
		const child = spawn(TSX, [STARTER, registryDir], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		child.on('error', reject);
		child.on('close', (status) => resolve({ stdout, stderr, status }));
	});
}

afterEach(() => {
	// Whatever the reaper missed is not left to the next test.
	for (const pid of leftovers.splice(0))
		if (identify(pid))
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Gone meanwhile.
			}
	rmSync(registry, { recursive: true, force: true });
});

describe('database services of a starter that was killed', () => {
	it('are stopped by the next run, and the temporary cluster is deleted', async () => {
		registry = mkdtempSync(path.join(tmpdir(), 'vv-service-groups-'));
		// tsx runs the starter in a child process and reports its SIGKILL as a plain non-zero exit.
		const run = await runStarter(registry);
		expect(run.stdout, run.stderr).toMatch(/^\{.*\}\n$/);
		const started = JSON.parse(run.stdout) as Started;
		leftovers.push(started.postmaster, started.redis);
		expect(run.status).not.toBe(0);
		expect(identify(started.postmaster)).not.toBeNull();
		expect(identify(started.redis)).not.toBeNull();

		const reaped = await reapOrphanedGroups(registry);

		expect(reaped).toEqual(
			expect.arrayContaining([
				{ label: 'PostgreSQL', pid: started.postmaster },
				{ label: 'Redis', pid: started.redis },
			]),
		);
		expect(reaped).toHaveLength(2);
		expect(identify(started.postmaster)).toBeNull();
		expect(identify(started.redis)).toBeNull();
		expect(existsSync(started.cluster)).toBe(false);
		expect(readdirSync(registry)).toEqual([]);
	}, 120_000);
});
