export interface WaitOptions<T> {
	/** For the timeout message, e.g. "email message(s)". */
	what: string;
	filter?: (item: T) => boolean;
	timeoutMs?: number;
}

/**
 * What a sink has received so far, plus waiting for "at least n" without polling: each arrival
 * wakes the waiters it satisfies. Waits are bounded, so a test that never gets its message fails
 * with a clear timeout instead of hanging.
 */
export class Arrivals<T> {
	private readonly items: T[] = [];

	private readonly waiters = new Set<{ satisfied: () => boolean; wake: () => void }>();

	add(item: T): void {
		this.items.push(item);
		for (const waiter of [...this.waiters]) {
			if (waiter.satisfied()) waiter.wake();
		}
	}

	list(): T[] {
		return [...this.items];
	}

	clear(): void {
		this.items.length = 0;
	}

	/** Resolves with the matching items once there are at least `count` of them. */
	async waitFor(count: number, options: WaitOptions<T>): Promise<T[]> {
		const { what, filter = () => true, timeoutMs = 30_000 } = options;
		const matching = () => this.items.filter(filter);
		if (matching().length >= count) return matching();
		await new Promise<void>((resolve, reject) => {
			const waiter = {
				satisfied: () => matching().length >= count,
				wake: () => {
					clearTimeout(timer);
					this.waiters.delete(waiter);
					resolve();
				},
			};
			const timer = setTimeout(() => {
				this.waiters.delete(waiter);
				reject(
					new Error(
						`timed out after ${timeoutMs} ms waiting for ${count} ${what} (have ${matching().length})`,
					),
				);
			}, timeoutMs);
			this.waiters.add(waiter);
		});
		return matching();
	}
}
