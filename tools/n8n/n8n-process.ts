import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { readRssKb } from './proc';

export interface StartN8nOptions {
	node: string;
	n8nBin: string;
	env: NodeJS.ProcessEnv;
	/** n8n's stdout and stderr are appended here (read it when something fails). */
	logFile: string;
	readyTimeoutMs?: number;
	/**
	 * `n8n <command>`: `start` (default; the editor and API), or in queue mode `webhook` (a webhook
	 * processor) or `worker` (whose health server on N8N_PORT answers the readiness probe).
	 */
	command?: string[];
}

export interface RunningN8n {
	pid: number;
	/** `http://127.0.0.1:<port>` */
	origin: string;
	/** Spawn to `/healthz/readiness` = 200. */
	startupMs: number;
	logFile: string;
	/** Resident memory of the main process (kB) and of its children (the task runner). */
	rssKb(): { main: number; children: number };
	/** The last `lines` lines of the n8n log. */
	logTail(lines?: number): string;
	/** SIGTERM to n8n and its children, SIGKILL after `graceMs`; resolves once it has exited. */
	stop(graceMs?: number): Promise<void>;
	/** Resolves when the process exits, for whatever reason. */
	exited: Promise<number | null>;
}

export function readLogTail(logFile: string, lines = 60): string {
	if (!existsSync(logFile)) return '';
	return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		// Negative pid: the whole process group (n8n is its leader), so the task-runner child goes too.
		process.kill(-child.pid, signal);
	} catch {
		// The whole group is gone already.
	}
}

// A parent that exits without stopping n8n (crash, process.exit) must not leave it running.
const running = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of running) signalGroup(child, 'SIGKILL');
});

async function waitUntilReady(
	origin: string,
	child: ChildProcess,
	exited: Promise<number | null>,
	logFile: string,
	timeoutMs: number,
): Promise<void> {
	let gone = false;
	void exited.then(() => {
		gone = true;
	});
	const deadline = performance.now() + timeoutMs;
	while (performance.now() < deadline) {
		if (gone) {
			throw new Error(
				`n8n exited during startup (code ${child.exitCode}). Log tail:\n${readLogTail(logFile)}`,
			);
		}
		try {
			const res = await fetch(`${origin}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			await res.arrayBuffer();
			if (res.status === 200) return;
		} catch {
			// Not listening yet.
		}
		await delay(200);
	}
	throw new Error(`n8n not ready after ${timeoutMs} ms. Log tail:\n${readLogTail(logFile)}`);
}

/** Starts `n8n start` (or another n8n command) in its own process group and waits until it reports ready. */
export async function startN8n(options: StartN8nOptions): Promise<RunningN8n> {
	const port = options.env.N8N_PORT;
	if (!port) throw new Error('N8N_PORT missing from the n8n environment');
	const origin = `http://127.0.0.1:${port}`;
	mkdirSync(path.dirname(options.logFile), { recursive: true });
	const logFd = openSync(options.logFile, 'a');
	const started = performance.now();
	const child = spawn(options.node, [options.n8nBin, ...(options.command ?? ['start'])], {
		env: options.env,
		stdio: ['ignore', logFd, logFd],
		detached: true,
	});
	closeSync(logFd);
	running.add(child);
	const exited = new Promise<number | null>((resolve) => {
		child.once('exit', (code) => {
			running.delete(child);
			resolve(code);
		});
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error(`could not spawn ${options.node}`);

	const stop = async (graceMs = 20_000): Promise<void> => {
		signalGroup(child, 'SIGTERM');
		const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
		// Children that ignored the group SIGTERM must not outlive n8n.
		signalGroup(child, 'SIGKILL');
	};

	try {
		await waitUntilReady(origin, child, exited, options.logFile, options.readyTimeoutMs ?? 180_000);
	} catch (error) {
		await stop(5000);
		throw error;
	}
	return {
		pid,
		origin,
		startupMs: performance.now() - started,
		logFile: options.logFile,
		rssKb: () => readRssKb(pid),
		logTail: (lines) => readLogTail(options.logFile, lines),
		stop,
		exited,
	};
}
