import { spawn } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { identify, parentAndGroup } from '../../tools/n8n/process-identity';
import { descendantsOf, stopTree } from '../../tools/n8n/process-tree';
import { pollUntil } from '../e2e/harness/poll';

describe('stopTree', () => {
	it('stops a process, its children and the detached group one of them started', async () => {
		// A shell (own group, like a soak's e2e run) with a plain child and a child in a session of
		// its own (like n8n, which the harness starts detached).
		const root = spawn('sh', ['-c', 'sleep 300 & setsid sleep 301 & wait'], {
			detached: true,
			stdio: 'ignore',
		});
		if (root.pid === undefined) throw new Error('could not start sh');
		const rootPid = root.pid;
		const tree = await pollUntil(
			async () => {
				const found = descendantsOf(rootPid);
				// The second child is forked into the shell's group and only then calls setsid: wait
				// for that to have happened, not just for the process to exist.
				const groups = new Set(found.map((member) => member.pgrp));
				return found.length === 2 && groups.size === 2 ? found : undefined;
			},
			{ what: 'both sleeps to start, one in a session of its own', timeoutMs: 10_000 },
		);
		const groups = new Set(tree.map((member) => member.pgrp));
		expect(groups.size).toBe(2);
		expect(groups.has(parentAndGroup(process.pid)?.pgrp ?? -1)).toBe(false);

		await stopTree(rootPid, 5_000);
		for (const member of tree) expect(identify(member.pid)).toBeNull();
		expect(identify(rootPid)).toBeNull();
	});

	it('lists nothing below a pid no process has', () => {
		expect(descendantsOf(2 ** 22 + 1)).toEqual([]);
	});
});
