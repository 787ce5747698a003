import { setTimeout as delay } from 'node:timers/promises';

/**
 * How long `waitUntil` polls before giving up: a safety net against hangs on a loaded machine (the
 * emulator, n8n stand-in and deliveries share one process), kept under the 30 s test timeout so a
 * hang fails with the name of what it waited for. Not a statement about speed.
 */
const WAIT_LIMIT_MS = 20_000;

/** Polls `probe` every few milliseconds until it holds (deliveries arrive asynchronously). */
export async function waitUntil(
	probe: () => boolean | Promise<boolean>,
	what: string,
	timeoutMs = WAIT_LIMIT_MS,
): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!(await probe())) {
		if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await delay(5);
	}
}
