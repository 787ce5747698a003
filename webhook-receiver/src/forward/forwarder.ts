import { Agent } from 'undici';

import type { ForwardTarget } from '../routing/router';
import { Semaphore } from './semaphore';
import { TargetLane, type LaneDeps } from './target-lane';

export type ForwarderDeps = Omit<LaneDeps, 'dispatcher' | 'semaphore'> & { maxConcurrency: number };

/**
 * Runs one lane per configured target, sharing a connection pool and a cap on concurrent requests.
 * Lanes read their work from the store, so everything still pending after a restart (or a crash)
 * is picked up simply by starting again.
 */
export class Forwarder {
	private readonly lanes = new Map<string, TargetLane>();
	private readonly stopController = new AbortController();
	private readonly abortController = new AbortController();
	private readonly dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 8 });
	private running: Promise<void> | undefined;

	constructor(targets: readonly ForwardTarget[], deps: ForwarderDeps) {
		const laneDeps: LaneDeps = {
			...deps,
			dispatcher: this.dispatcher,
			semaphore: new Semaphore(deps.maxConcurrency),
		};
		for (const target of targets) this.lanes.set(target.id, new TargetLane(target, laneDeps));
	}

	get targetIds(): string[] {
		return [...this.lanes.keys()];
	}

	start(): void {
		if (this.running !== undefined) return;
		const signals = { stop: this.stopController.signal, abort: this.abortController.signal };
		this.running = Promise.all([...this.lanes.values()].map((lane) => lane.run(signals))).then(
			() => undefined,
		);
	}

	/** Wakes the lanes of these targets (called after their events were committed). */
	notify(targetIds: Iterable<string>): void {
		for (const id of targetIds) this.lanes.get(id)?.wake();
	}

	/**
	 * Stops taking new work and lets in-flight requests finish for up to `graceMs`; what is still
	 * in flight then is aborted, stays pending in the store and is retried on the next start.
	 */
	async stop(graceMs: number): Promise<void> {
		this.stopController.abort();
		if (this.running !== undefined) {
			let timer: NodeJS.Timeout | undefined;
			const graceOver = new Promise<void>((resolve) => {
				timer = setTimeout(resolve, graceMs);
			});
			await Promise.race([this.running, graceOver]);
			clearTimeout(timer);
			this.abortController.abort();
			await this.running;
		}
		await this.dispatcher.close();
	}
}
