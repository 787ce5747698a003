import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

import { commandLine } from './process-identity';

/** Who runs n8n for a data folder: the n8n process and the `npm start` that owns it. */
interface PidRecord {
	n8n: number;
	owner: number;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readRecord(pidFile: string): PidRecord | null {
	try {
		const record = JSON.parse(readFileSync(pidFile, 'utf8')) as Partial<PidRecord>;
		return Number.isInteger(record.n8n) && Number.isInteger(record.owner)
			? (record as PidRecord)
			: null;
	} catch {
		return null;
	}
}

/**
 * Deals with the n8n recorded for this data folder before a new start:
 * - its owner (an earlier `npm start`) is still alive → refuse: two n8n on one sqlite DB clash;
 * - the owner is gone (killed too hard to clean up) but n8n still runs → stop that n8n.
 * Only a live process whose command line still names n8n is touched, so a recycled pid is left
 * alone. Resolves to the pid that was stopped, if any.
 */
export async function stopLeftoverN8n(pidFile: string): Promise<number | null> {
	if (!existsSync(pidFile)) return null;
	const record = readRecord(pidFile);
	if (
		record &&
		record.owner !== process.pid &&
		isAlive(record.owner) &&
		/\bstart\b/.test(commandLine(record.owner))
	) {
		throw new Error(
			`npm start is already running for this data folder (pid ${record.owner}, n8n pid ${record.n8n}); ` +
				'stop it first (Ctrl-C), or use another cache with VV_N8N_CACHE',
		);
	}
	rmSync(pidFile, { force: true });
	const pid = record?.n8n;
	if (!pid || pid <= 1 || !/\bn8n\b/.test(commandLine(pid))) return null;
	try {
		process.kill(-pid, 'SIGTERM');
	} catch {
		return null;
	}
	for (let waited = 0; waited < 20_000 && commandLine(pid); waited += 250) {
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {
		// Gone after SIGTERM.
	}
	return pid;
}

export function writePidFile(pidFile: string, n8nPid: number): void {
	const record: PidRecord = { n8n: n8nPid, owner: process.pid };
	writeFileSync(pidFile, JSON.stringify(record));
}

export function removePidFile(pidFile: string): void {
	rmSync(pidFile, { force: true });
}
