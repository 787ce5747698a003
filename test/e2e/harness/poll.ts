import { setTimeout as delay } from 'node:timers/promises';

import { WAIT_MS } from './patience';

export interface PollOptions {
	/** What is awaited, for the timeout message. */
	what: string;
	timeoutMs?: number;
	intervalMs?: number;
}

/**
 * Calls `probe` until it returns something other than undefined. n8n does several things
 * asynchronously (trigger registration after publish, saving executions), so tests wait for
 * the state rather than for a fixed time.
 */
export async function pollUntil<T>(
	probe: () => Promise<T | undefined>,
	options: PollOptions,
): Promise<T> {
	const deadline = performance.now() + (options.timeoutMs ?? WAIT_MS);
	let lastError: unknown;
	while (performance.now() < deadline) {
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		await delay(options.intervalMs ?? 100);
	}
	const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
	throw new Error(
		`timed out after ${options.timeoutMs ?? WAIT_MS} ms waiting for ${options.what}${cause}`,
	);
}
