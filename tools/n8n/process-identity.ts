import { readFileSync } from 'node:fs';

/**
 * A process as the kernel knows it: its pid plus its start time (clock ticks since boot, field 22
 * of /proc/<pid>/stat). Pids are recycled; the pair is not, so a record made by an earlier run
 * can be checked against the process that holds the pid today. Linux only (null elsewhere).
 */
export interface ProcessIdentity {
	pid: number;
	startTicks: number;
}

function statFields(pid: number): string[] | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name is parenthesised and may hold spaces: split after its closing parenthesis.
		// Field 3 (state) is then index 0, so field N is index N - 3.
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	} catch {
		return null;
	}
}

/** The identity of a running process, or null when there is none with that pid. */
export function identify(pid: number): ProcessIdentity | null {
	const fields = statFields(pid);
	// A zombie has exited already; only its exit status is left for the parent to collect.
	if (!fields || fields[0] === 'Z') return null;
	const startTicks = Number(fields[19]);
	return Number.isFinite(startTicks) ? { pid, startTicks } : null;
}

/** True while the very process `identity` names is running (not a later one with a recycled pid). */
export function isRunning(identity: ProcessIdentity): boolean {
	return identify(identity.pid)?.startTicks === identity.startTicks;
}

/** The process's parent pid and process group, or null when it is gone. */
export function parentAndGroup(pid: number): { ppid: number; pgrp: number } | null {
	const fields = statFields(pid);
	return fields ? { ppid: Number(fields[1]), pgrp: Number(fields[2]) } : null;
}

/** Its command line with arguments separated by spaces ('' when it is gone). */
export function commandLine(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
	} catch {
		return '';
	}
}
