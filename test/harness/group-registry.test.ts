import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { reapOrphanedGroups, recordGroup } from '../../tools/n8n/group-registry';
import { identify } from '../../tools/n8n/process-identity';

const STARTER = path.join(__dirname, 'fixtures', 'orphan-starter.ts');
const TSX = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');

let dir: string;
const started: ChildProcess[] = [];

/** A detached `sleep` started by this (living) process. */
function sleeper(): number {
	const child = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
	started.push(child);
	if (child.pid === undefined) throw new Error('could not start sleep');
	return child.pid;
}

beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'vv-groups-'));
});

afterEach(() => {
	for (const child of started.splice(0))
		if (child.pid && child.exitCode === null && child.signalCode === null)
			process.kill(-child.pid, 'SIGKILL');
	rmSync(dir, { recursive: true, force: true });
});

describe('group registry', () => {
	it('stops a recorded group whose starter died, and deletes its folder and record', async () => {
		const folder = path.join(dir, 'user-folder');
		mkdirSync(folder);
		const pid = Number(
			execFileSync(TSX, [STARTER, path.join(dir, 'records'), folder], { encoding: 'utf8' }),
		);
		expect(identify(pid)).not.toBeNull();

		expect(await reapOrphanedGroups(path.join(dir, 'records'))).toEqual([{ label: 'sleep', pid }]);
		expect(identify(pid)).toBeNull();
		expect(existsSync(folder)).toBe(false);
		expect(readdirSync(path.join(dir, 'records'))).toEqual([]);
	});

	it('leaves a group alone while the process that started it runs (another e2e run)', async () => {
		const pid = sleeper();
		recordGroup(dir, pid, 'mine');
		expect(await reapOrphanedGroups(dir)).toEqual([]);
		expect(identify(pid)).not.toBeNull();
		expect(readdirSync(dir)).toEqual([`${pid}.json`]);
	});

	it('forgets a group once it is stopped', () => {
		const forget = recordGroup(dir, sleeper(), 'mine');
		forget();
		expect(readdirSync(dir)).toEqual([]);
	});

	it('never signals a process that only reuses a recorded pid', async () => {
		const pid = sleeper();
		const now = identify(pid);
		if (!now) throw new Error('sleep is not running');
		// The starter is gone and the pid now belongs to a process that started at another time.
		writeFileSync(
			path.join(dir, `${pid}.json`),
			JSON.stringify({
				label: 'recycled',
				leader: { pid, startTicks: now.startTicks - 1 },
				owner: { pid: 2 ** 22 + 1, startTicks: 1 },
			}),
		);
		expect(await reapOrphanedGroups(dir)).toEqual([]);
		expect(identify(pid)).toEqual(now);
		expect(readdirSync(dir)).toEqual([]);
	});

	it('reads nothing from a folder that does not exist yet', async () => {
		expect(await reapOrphanedGroups(path.join(dir, 'missing'))).toEqual([]);
	});
});
