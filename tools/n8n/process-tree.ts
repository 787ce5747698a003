import { readdirSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

import { identify, isRunning, parentAndGroup, type ProcessIdentity } from './process-identity';

/**
 * Every process below `rootPid` right now (children, their children, …), with the process group
 * each is in. Taken before anything is killed: once a parent dies its children are re-parented
 * and no longer show where they came from. Detached children (n8n, Chromium) lead groups of their
 * own, so a kill of the root's group alone misses them. Linux only (empty elsewhere).
 */
export function descendantsOf(rootPid: number): Array<ProcessIdentity & { pgrp: number }> {
	let entries: string[];
	try {
		entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
	} catch {
		return [];
	}
	const children = new Map<number, Array<{ pid: number; pgrp: number }>>();
	for (const entry of entries) {
		const pid = Number(entry);
		const info = parentAndGroup(pid);
		if (!info) continue;
		const siblings = children.get(info.ppid) ?? [];
		siblings.push({ pid, pgrp: info.pgrp });
		children.set(info.ppid, siblings);
	}
	const found: Array<ProcessIdentity & { pgrp: number }> = [];
	const queue = [...(children.get(rootPid) ?? [])];
	for (let next = queue.shift(); next; next = queue.shift()) {
		const identity = identify(next.pid);
		if (identity) found.push({ ...identity, pgrp: next.pgrp });
		queue.push(...(children.get(next.pid) ?? []));
	}
	return found;
}

function signal(target: number, name: NodeJS.Signals): void {
	try {
		process.kill(target, name);
	} catch {
		// Gone already.
	}
}

/**
 * Stops a process and everything below it: SIGTERM to its group and to every group its
 * descendants lead or share (so n8n can shut down cleanly), then, for whatever still runs after
 * `graceMs`, SIGKILL. Only processes found below the root are signalled one by one, and a
 * group only while a process found in it still runs, so nothing outside the tree is touched.
 * Resolves once all of them have exited.
 */
export async function stopTree(rootPid: number, graceMs: number): Promise<void> {
	const root = identify(rootPid);
	const tree = [...(root ? [{ ...root, pgrp: parentAndGroup(rootPid)?.pgrp ?? rootPid }] : [])];
	tree.push(...descendantsOf(rootPid));
	const ownGroup = parentAndGroup(process.pid)?.pgrp;
	const groups = new Set(tree.map((member) => member.pgrp).filter((pgrp) => pgrp !== ownGroup));
	const alive = () => tree.filter(isRunning);
	const send = (name: NodeJS.Signals) => {
		const running = alive();
		for (const pgrp of groups)
			if (running.some((member) => member.pgrp === pgrp)) signal(-pgrp, name);
		for (const member of running) signal(member.pid, name);
	};
	send('SIGTERM');
	for (let waited = 0; waited < graceMs && alive().length > 0; waited += 200) await delay(200);
	send('SIGKILL');
	for (let waited = 0; waited < 5_000 && alive().length > 0; waited += 100) await delay(100);
}
