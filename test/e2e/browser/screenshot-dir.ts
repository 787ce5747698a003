import path from 'node:path';

import { PROJECT_ROOT } from '../../../tools/n8n/paths';

/**
 * Where the editor tests save their screenshots. Every e2e run takes them, but only
 * `npm run screenshots` (VV_UPDATE_SCREENSHOTS=1) replaces the README's copies in docs/screenshots;
 * other runs write to the git-ignored test/e2e/.artifacts/screenshots, so a test run does not
 * leave the work tree changed.
 */
export function screenshotDir(): string {
	return process.env.VV_UPDATE_SCREENSHOTS === '1'
		? path.join(PROJECT_ROOT, 'docs', 'screenshots')
		: path.join(PROJECT_ROOT, 'test', 'e2e', '.artifacts', 'screenshots');
}
