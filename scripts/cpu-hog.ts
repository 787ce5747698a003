import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * A CPU hog for soak runs: one busy worker per core, beside whatever else the machine runs. It
 * prefers Debian's stress-ng (installed with apt-get when missing and allowed) and falls back to
 * one busy Node.js loop per core. Each hog runs in its own process group so `stop` ends exactly
 * what was started here, children included.
 */
export interface CpuHog {
	/** What is running, for the report (e.g. `stress-ng --cpu 2`). */
	description: string;
	stop(): Promise<void>;
}

function hasCommand(command: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function aptGet(args: string[]): boolean {
	return (
		spawnSync('apt-get', args, {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		}).status === 0
	);
}

/** stress-ng is available after this, or the install failed (no root, no apt, no network). */
function ensureStressNg(log: (message: string) => void): boolean {
	if (hasCommand('stress-ng')) return true;
	if (!hasCommand('apt-get')) return false;
	log('stress-ng is missing: installing it with apt-get');
	if (aptGet(['install', '-y', '--no-install-recommends', 'stress-ng'])) return true;
	// The package lists may never have been fetched on this machine.
	return aptGet(['update']) && aptGet(['install', '-y', '--no-install-recommends', 'stress-ng']);
}

function startGroup(command: string, args: string[]): ChildProcess {
	const child = spawn(command, args, { stdio: 'ignore', detached: true });
	child.on('error', () => undefined);
	return child;
}

function stopGroup(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
		return Promise.resolve();
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	try {
		// Negative pid: the hog's own process group (stress-ng forks one worker per core).
		process.kill(-child.pid, 'SIGKILL');
	} catch {
		return Promise.resolve();
	}
	return exited;
}

export function startCpuHog(
	log: (message: string) => void,
	workers = availableParallelism(),
): CpuHog {
	if (ensureStressNg(log)) {
		const child = startGroup('stress-ng', ['--cpu', String(workers), '--quiet']);
		return { description: `stress-ng --cpu ${workers}`, stop: () => stopGroup(child) };
	}
	log('stress-ng is not available: using one busy Node.js loop per core instead');
	const children = Array.from({ length: workers }, () =>
		startGroup(process.execPath, ['-e', 'for (;;) {}']),
	);
	return {
		description: `${workers} busy Node.js loops`,
		stop: async () => {
			await Promise.all(children.map(stopGroup));
		},
	};
}
