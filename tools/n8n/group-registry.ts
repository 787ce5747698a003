import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { identify, isRunning, type ProcessIdentity } from './process-identity';

/**
 * PostgreSQL's postmaster treats SIGTERM as a "smart" shutdown that waits for every client to
 * disconnect; SIGINT (fast) and SIGQUIT (immediate) stop it at once.
 */
export type StopSignal = 'SIGTERM' | 'SIGINT' | 'SIGQUIT';
const STOP_SIGNALS: readonly string[] = ['SIGTERM', 'SIGINT', 'SIGQUIT'];

export interface GroupOptions {
	/** A folder only this group used (e.g. an n8n user folder), deleted when the group is reaped. */
	folder?: string;
	/** The signal that asks the leader to stop (default SIGTERM); SIGKILL follows after the grace. */
	stopSignal?: StopSignal;
}

/**
 * A registry of the process groups a program started detached (n8n, Chromium, PostgreSQL,
 * Redis), one small file per group in a folder: which group, which process started it, what to
 * delete with it and how to stop it.
 * Detached groups outlive their starter when it is killed hard (SIGKILL of a vitest worker, a
 * soak stopped mid-run), and other programs on the machine start n8n groups from the same
 * cache too. So a later run stops exactly the groups whose recorded starter is gone — never one
 * whose starter still runs, and never a process that merely reuses a recorded pid.
 */
interface GroupRecord extends GroupOptions {
	label: string;
	leader: ProcessIdentity;
	owner: ProcessIdentity;
}

export interface ReapedGroup {
	label: string;
	pid: number;
}

/** How long a reaped group gets to shut down after its stop signal before SIGKILL. */
const TERM_GRACE_MS = 10_000;

function recordFile(dir: string, leaderPid: number): string {
	return path.join(dir, `${leaderPid}.json`);
}

function readRecord(file: string): GroupRecord | null {
	try {
		const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<GroupRecord>;
		const valid = (id: Partial<ProcessIdentity> | undefined) =>
			Number.isInteger(id?.pid) && Number.isInteger(id?.startTicks);
		const signalKnown = record.stopSignal === undefined || STOP_SIGNALS.includes(record.stopSignal);
		return typeof record.label === 'string' &&
			valid(record.leader) &&
			valid(record.owner) &&
			signalKnown
			? (record as GroupRecord)
			: null;
	} catch {
		return null;
	}
}

/**
 * Records a group this process just started (its leader's pid = the group id). Returns the
 * function that forgets it again, to call once the group has been stopped.
 */
export function recordGroup(
	dir: string,
	leaderPid: number,
	label: string,
	options: GroupOptions = {},
): () => void {
	const leader = identify(leaderPid);
	const owner = identify(process.pid);
	// Not Linux, or the leader is gone already: nothing that could be left behind or checked later.
	if (!leader || !owner) return () => undefined;
	mkdirSync(dir, { recursive: true });
	const file = recordFile(dir, leaderPid);
	const record: GroupRecord = { label, leader, owner, ...options };
	// Written aside and renamed: a run reaping at the same moment never reads half a record.
	const partial = `${file}.${process.pid}.partial`;
	writeFileSync(partial, JSON.stringify(record));
	renameSync(partial, file);
	return () => rmSync(file, { force: true });
}

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch {
		return false;
	}
}

async function stopGroup(leader: ProcessIdentity, signal: StopSignal): Promise<void> {
	if (!signalGroup(leader.pid, signal)) return;
	// Waits for the exit itself; the grace only bounds a leader that ignores its stop signal.
	for (let waited = 0; waited < TERM_GRACE_MS && isRunning(leader); waited += 100) await delay(100);
	signalGroup(leader.pid, 'SIGKILL');
}

/**
 * Stops every recorded group whose starter is no longer running and deletes its record and
 * folder. Records of running starters (this process's, other runs') are left alone. Resolves to
 * the groups that were still running and got stopped.
 */
export async function reapOrphanedGroups(dir: string): Promise<ReapedGroup[]> {
	let names: string[];
	try {
		names = readdirSync(dir).filter((name) => name.endsWith('.json'));
	} catch {
		return [];
	}
	const reaped: ReapedGroup[] = [];
	for (const name of names) {
		const file = path.join(dir, name);
		const record = readRecord(file);
		if (record && isRunning(record.owner)) continue;
		if (record && isRunning(record.leader)) {
			await stopGroup(record.leader, record.stopSignal ?? 'SIGTERM');
			reaped.push({ label: record.label, pid: record.leader.pid });
		}
		if (record?.folder) rmSync(record.folder, { recursive: true, force: true });
		rmSync(file, { force: true });
	}
	return reaped;
}
