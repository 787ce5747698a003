import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

function commandLine(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
	} catch {
		return '';
	}
}

/**
 * Stops an n8n left running by an earlier run that was killed too hard to clean up (its pid
 * file survived). Only a live process whose command line still names n8n is touched, so a
 * recycled pid is left alone. Resolves to the pid that was stopped, if any.
 */
export async function stopLeftoverN8n(pidFile: string): Promise<number | null> {
	if (!existsSync(pidFile)) return null;
	const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
	rmSync(pidFile, { force: true });
	if (!Number.isInteger(pid) || pid <= 1 || !/\bn8n\b/.test(commandLine(pid))) return null;
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

export function writePidFile(pidFile: string, pid: number): void {
	writeFileSync(pidFile, String(pid));
}

export function removePidFile(pidFile: string): void {
	rmSync(pidFile, { force: true });
}
