import { readdirSync, readFileSync } from 'node:fs';

function vmRssKb(pid: number | string): number {
	try {
		const match = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

function processGroupOf(pid: string): number | null {
	try {
		// Fields after the parenthesised command name: state ppid pgrp …
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return Number(fields[2]);
	} catch {
		return null;
	}
}

/**
 * Resident memory (kB) of a process-group leader and, separately, of the rest of its group
 * (n8n's task runner). Linux only; zeros elsewhere.
 */
export function readRssKb(leaderPid: number): { main: number; children: number } {
	let children = 0;
	let entries: string[] = [];
	try {
		entries = readdirSync('/proc');
	} catch {
		return { main: 0, children: 0 };
	}
	for (const entry of entries) {
		if (!/^\d+$/.test(entry) || Number(entry) === leaderPid) continue;
		if (processGroupOf(entry) === leaderPid) children += vmRssKb(entry);
	}
	return { main: vmRssKb(leaderPid), children };
}
