/**
 * The receiver's notion of time. Everything that waits (retry backoff, Retry-After, idle polling)
 * goes through a Clock so a test can run "target down for ten minutes" in about a second with a
 * speed factor, while production uses wall time.
 */
export interface Clock {
	/** Epoch milliseconds as this clock sees them. */
	now(): number;
	/**
	 * Resolves after `ms` of this clock's time, or as soon as `signal` aborts (resolving, not
	 * rejecting: callers check the signal, which keeps shutdown paths free of try/catch noise).
	 */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function sleepReal(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) return Promise.resolve();
	return new Promise((resolve) => {
		const done = (): void => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, Math.max(0, ms));
		signal?.addEventListener('abort', done, { once: true });
	});
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: sleepReal,
};

export interface ScaledClockOptions {
	/** Clock milliseconds per real millisecond; 600 turns ten minutes into one second. */
	speed: number;
	/** Clock time at creation; defaults to the current wall time. */
	startAt?: number;
}

/** A clock that runs `speed` times faster than real time (never slower than 1 ms real per sleep step). */
export function createScaledClock(options: ScaledClockOptions): Clock {
	if (!(options.speed > 0) || !Number.isFinite(options.speed)) {
		throw new RangeError('Clock speed must be a positive finite number');
	}
	const realStart = performance.now();
	const clockStart = options.startAt ?? Date.now();
	return {
		now: () => clockStart + (performance.now() - realStart) * options.speed,
		sleep: (ms, signal) => sleepReal(ms / options.speed, signal),
	};
}
