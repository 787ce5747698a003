import { vi } from 'vitest';

/**
 * How long `waitFor` polls by default, and the test timeout of every file that imports it (the
 * project's 30 s default would otherwise cut a test off before its own waits could fail). Both are
 * safety nets against hangs on a loaded machine, not statements about speed.
 */
export const WAIT_LIMIT_MS = 90_000;
vi.setConfig({ testTimeout: WAIT_LIMIT_MS + 30_000 });

/**
 * Polls `condition` until it holds, failing after `timeoutMs`. A safety net against hangs, not an
 * assertion about speed: the bound is generous and only a broken receiver reaches it.
 */
export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	what: string,
	timeoutMs = WAIT_LIMIT_MS,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
