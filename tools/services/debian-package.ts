import { existsSync } from 'node:fs';

import type { Log } from '../n8n/log';
import { withHeartbeat } from '../n8n/log';
import { type CommandResult, runCommand } from '../n8n/run-command';

let updated = false;

/**
 * apt-get options that wait (up to 10 min) for dpkg's lock instead of failing on it: on a fresh
 * machine, tests running side by side install PostgreSQL, Redis and Chromium at the same moment.
 */
const APT_WAIT_FOR_LOCK: readonly string[] = ['-o', 'DPkg::Lock::Timeout=600'];

/** Runs apt-get as every install here does: without questions, waiting for dpkg's lock. */
function runAptGet(args: readonly string[]): Promise<CommandResult> {
	return runCommand('apt-get', [...APT_WAIT_FOR_LOCK, ...args], {
		cwd: '/',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

/** Refreshes apt's package lists. */
export function aptUpdate(): Promise<CommandResult> {
	return runAptGet(['update']);
}

/** Installs Debian packages, without the recommended extras. */
export function aptInstall(packages: readonly string[]): Promise<CommandResult> {
	return runAptGet(['install', '-y', '--no-install-recommends', ...packages]);
}

/**
 * Installs a Debian package with apt-get when `present()` says its program is missing, the way a
 * fresh CI machine (Debian, root, only the Debian and npm registries) gets PostgreSQL and Redis.
 * `apt-get update` runs once per process, and only when the first install attempt fails (a fresh
 * image has empty package lists). Off Debian or without root this explains what to install instead.
 */
export async function ensureDebianPackage(
	pkg: string,
	present: () => boolean,
	log: Log,
): Promise<void> {
	if (present()) return;
	if (!existsSync('/usr/bin/apt-get')) {
		throw new Error(
			`${pkg} is not installed and there is no apt-get here: install ${pkg} yourself`,
		);
	}
	if (process.getuid?.() !== 0) {
		throw new Error(`${pkg} is not installed: run \`sudo apt-get install -y ${pkg}\` once`);
	}
	const install = () => aptInstall([pkg]);
	await withHeartbeat(
		log,
		`installing Debian's ${pkg} (apt-get)`,
		install().catch(async (error: unknown) => {
			if (updated) throw error;
			updated = true;
			await aptUpdate();
			return install();
		}),
	);
	if (!present()) throw new Error(`apt-get installed ${pkg}, but its program is still missing`);
}
