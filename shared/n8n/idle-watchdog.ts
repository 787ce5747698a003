import { startTimer, type CancellableTimer } from './abort-timer';

/**
 * The one stream idle watchdog. It fires when nothing counting as activity happened for `idleMs`;
 * the caller decides what counts by when it calls `restart()`: the bounded read restarts it on each
 * event (heartbeat comments keep the connection open but are not news), the event-stream trigger on
 * each byte (a silent connection is a dead one and gets reopened).
 */
export interface IdleWatchdog {
	/** Aborts once `idleMs` passed since the watchdog started or was last restarted. */
	readonly signal: AbortSignal;
	/** Counts as activity: the countdown starts again from now. */
	restart(): void;
	/** Cancels the countdown without firing; nothing is left pending. */
	stop(): void;
}

/**
 * Starts a watchdog. `idleMs` undefined, 0 or less disables it: its signal never fires. Built on
 * `startTimer` (n8n-workflow's abortable `sleep`), as node code may not use timers.
 */
export function startIdleWatchdog(idleMs: number | undefined): IdleWatchdog {
	const fired = new AbortController();
	const enabled = idleMs !== undefined && idleMs > 0;
	let timer: CancellableTimer | undefined;
	const stop = () => {
		timer?.cancel();
		timer = undefined;
	};
	const restart = () => {
		if (!enabled || fired.signal.aborted) return;
		stop();
		timer = startTimer(idleMs, () => fired.abort());
	};
	restart();
	return { signal: fired.signal, restart, stop };
}
