/** Caps concurrent forwards across targets; waiters are served first come, first served. */
export class Semaphore {
	private available: number;
	private readonly waiters: Array<() => void> = [];

	constructor(permits: number) {
		this.available = permits;
	}

	/** Resolves with a release function, or undefined if `signal` aborted while waiting. */
	acquire(signal?: AbortSignal): Promise<(() => void) | undefined> {
		if (signal?.aborted) return Promise.resolve(undefined);
		if (this.available > 0) {
			this.available -= 1;
			return Promise.resolve(this.releaser());
		}
		return new Promise((resolve) => {
			const grant = (): void => {
				signal?.removeEventListener('abort', cancel);
				resolve(this.releaser());
			};
			const cancel = (): void => {
				const index = this.waiters.indexOf(grant);
				if (index !== -1) this.waiters.splice(index, 1);
				resolve(undefined);
			};
			this.waiters.push(grant);
			signal?.addEventListener('abort', cancel, { once: true });
		});
	}

	private releaser(): () => void {
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const next = this.waiters.shift();
			if (next === undefined) this.available += 1;
			else next();
		};
	}
}
