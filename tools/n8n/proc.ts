import { readdirSync, readFileSync } from 'node:fs';

import { parentAndGroup } from './process-identity';

function vmRssKb(pid: number | string): number {
	try {
		const match = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
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
		if (parentAndGroup(Number(entry))?.pgrp === leaderPid) children += vmRssKb(entry);
	}
	return { main: vmRssKb(leaderPid), children };
}
