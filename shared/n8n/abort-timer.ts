import { sleep } from 'n8n-workflow';

/**
 * Timers and abort races for node code, which may not touch `setTimeout` (n8n Cloud rules): a
 * one-shot timer on n8n-workflow's abortable `sleep`, cancelled without leaving anything pending.
 */
export interface CancellableTimer {
	cancel(): void;
}

/** Longest delay a Node timer holds; longer ones would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

export function startTimer(ms: number, onFire: () => void): CancellableTimer {
	const controller = new AbortController();
	const delay = Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_TIMER_MS) : MAX_TIMER_MS;
	void sleep(delay, controller.signal).then(onFire, () => undefined);
	return { cancel: () => controller.abort() };
}

export const ABORTED = Symbol('aborted');

/**
 * Settles with `promise`, or with `ABORTED` as soon as `signal` fires. A later rejection of the
 * abandoned promise is absorbed, so it never surfaces as an unhandled rejection.
 */
export async function unlessAborted<T>(
	promise: Promise<T>,
	signal: AbortSignal,
): Promise<T | typeof ABORTED> {
	if (signal.aborted) {
		promise.catch(() => undefined);
		return ABORTED;
	}
	return await new Promise<T | typeof ABORTED>((resolve, reject) => {
		const onAbort = () => resolve(ABORTED);
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(
			(value) => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', onAbort);
				reject(error);
			},
		);
	});
}
