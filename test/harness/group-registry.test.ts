import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
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

	it('stops a group with the signal it was recorded with (PostgreSQL waits out SIGTERM)', async () => {
		const told = path.join(dir, 'signal');
		// Ignores SIGTERM, as a postmaster in smart shutdown keeps running while clients stay connected.
		const script = `
			process.on('SIGTERM', () => require('node:fs').writeFileSync(${JSON.stringify(told)}, 'SIGTERM'));
			process.on('SIGINT', () => { require('node:fs').writeFileSync(${JSON.stringify(told)}, 'SIGINT'); process.exit(0); });
			setInterval(() => undefined, 1000);
			process.stdout.write('ready');`;
		const child = spawn(process.execPath, ['-e', script], {
			detached: true,
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		started.push(child);
		await new Promise((resolve) => child.stdout?.once('data', resolve));
		const leader = identify(child.pid ?? -1);
		if (!leader) throw new Error('the signal recorder is not running');
		writeFileSync(
			path.join(dir, `${leader.pid}.json`),
			JSON.stringify({
				label: 'database',
				leader,
				owner: { pid: 2 ** 22 + 1, startTicks: 1 },
				stopSignal: 'SIGINT',
			}),
		);

		expect(await reapOrphanedGroups(dir)).toEqual([{ label: 'database', pid: leader.pid }]);
		expect(readFileSync(told, 'utf8')).toBe('SIGINT');
		expect(identify(leader.pid)).toBeNull();
	});

	it('reads nothing from a folder that does not exist yet', async () => {
		expect(await reapOrphanedGroups(path.join(dir, 'missing'))).toEqual([]);
	});
});
