import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import type { Log } from './log';

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Serialises installs into one cache folder (`npm start` and `npm run test:e2e` may start
 * together). The lock file holds the owner's pid, so a lock left by a killed process is taken over.
 */
export async function withInstallLock<T>(
	cache: string,
	log: Log,
	work: () => Promise<T>,
): Promise<T> {
	mkdirSync(cache, { recursive: true });
	const lockFile = path.join(cache, 'install.lock');
	let announced = false;
	for (;;) {
		try {
			writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
			if (!Number.isFinite(owner) || !isAlive(owner)) {
				rmSync(lockFile, { force: true });
				continue;
			}
			if (!announced) log(`waiting for another install (pid ${owner}) to finish …`);
			announced = true;
			await delay(2000);
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lockFile, { force: true });
	}
}
