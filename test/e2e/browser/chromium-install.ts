import { accessSync, constants } from 'node:fs';
import path from 'node:path';

import { type Log, withHeartbeat } from '../../../tools/n8n/log';
import { aptInstall, aptUpdate } from '../../../tools/services/debian-package';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

function onPath(name: string): string | null {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const candidate = path.join(dir, name);
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			// Not here.
		}
	}
	return null;
}

/** `CHROME_PATH` if set, else the first Chromium/Chrome on PATH. */
export function findChromium(): string | null {
	if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
	for (const name of NAMES) {
		const found = onPath(name);
		if (found) return found;
	}
	return null;
}

/**
 * Chromium for the editor tests. CI machines are fresh Debian boxes running as root, so a
 * missing browser is installed from the Debian archive (the only registry besides npm that CI
 * reaches); recommends are skipped (131 → 25 packages) except the fonts the screenshots need.
 * Two e2e files may install it at the same moment (and PostgreSQL or Redis may be installing), so
 * apt-get waits for dpkg's lock rather than failing on it.
 */
export async function ensureChromium(log: Log): Promise<string> {
	const found = findChromium();
	if (found) return found;
	if (process.getuid?.() !== 0 || !onPath('apt-get')) {
		throw new Error(
			'Chromium is not installed. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROME_PATH.',
		);
	}
	await withHeartbeat(
		log,
		'installing Chromium from Debian (apt-get install chromium fonts-liberation; about 1 min)',
		(async () => {
			await aptUpdate();
			await aptInstall(['chromium', 'fonts-liberation']);
		})(),
	);
	const installed = findChromium();
	if (!installed) throw new Error('apt-get installed chromium but no chromium binary is on PATH');
	return installed;
}
