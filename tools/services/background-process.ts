import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

import { readLogTail } from '../n8n/n8n-process';

/** A service process (database, Redis) in its own process group, its output in a log file. */
export interface BackgroundProcess {
	pid: number;
	logFile: string;
	exited: Promise<number | null>;
	/** `signal` to the whole group, SIGKILL after `graceMs`; resolves once it has exited. */
	stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
	logTail(lines?: number): string;
}

// A parent that exits without stopping its services (crash, process.exit) must not leave them running.
const running = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of running) signalGroup(child, 'SIGKILL');
});

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Gone already.
	}
}

export function startBackground(
	command: string,
	args: string[],
	logFile: string,
	options: Pick<SpawnOptions, 'env' | 'cwd'> = {},
): BackgroundProcess {
	mkdirSync(path.dirname(logFile), { recursive: true });
	const fd = openSync(logFile, 'a');
	const child = spawn(command, args, {
		...options,
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	closeSync(fd);
	if (child.pid === undefined) throw new Error(`could not start ${command}`);
	running.add(child);
	const exited = new Promise<number | null>((resolve) => {
		child.once('exit', (code) => {
			running.delete(child);
			resolve(code);
		});
		child.once('error', () => {
			running.delete(child);
			resolve(null);
		});
	});
	return {
		pid: child.pid,
		logFile,
		exited,
		logTail: (lines) => readLogTail(logFile, lines),
		async stop(signal = 'SIGTERM', graceMs = 15_000) {
			if (!running.has(child)) return;
			signalGroup(child, signal);
			const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		},
	};
}
