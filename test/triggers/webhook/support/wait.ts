import { setTimeout as delay } from 'node:timers/promises';

/** Polls `probe` every few milliseconds until it holds (deliveries arrive asynchronously). */
export async function waitUntil(
	probe: () => boolean,
	what: string,
	timeoutMs = 5_000,
): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!probe()) {
		if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await delay(5);
	}
}
