import type { Log } from './log';

/**
 * Stops what a long-running command started, newest first, exactly once: on Ctrl-C, on
 * SIGTERM, or when the command ends. A second Ctrl-C exits at once; the n8n process module
 * still SIGKILLs n8n on exit, so nothing is left behind either way.
 */
const DUPLICATE_SIGNAL_WINDOW_MS = 1000;

export class Shutdown {
	private readonly steps: Array<{ label: string; run: () => Promise<void> }> = [];

	private running: Promise<void> | null = null;

	/** True once stopping has begun (then a process exiting is expected, not a crash). */
	get stopping(): boolean {
		return this.running !== null;
	}

	add(label: string, run: () => Promise<void>): void {
		this.steps.push({ label, run });
	}

	run(log: Log): Promise<void> {
		this.running ??= (async () => {
			for (const step of this.steps.reverse()) {
				try {
					await step.run();
					log(`stopped ${step.label}`);
				} catch (error) {
					log(`could not stop ${step.label}: ${(error as Error).message}`);
				}
			}
		})();
		return this.running;
	}

	/** Resolves with the signal's name once SIGINT or SIGTERM has arrived and everything is stopped. */
	onSignal(log: Log): Promise<NodeJS.Signals> {
		let firstAt = 0;
		return new Promise((resolve) => {
			const handle = (signal: NodeJS.Signals): void => {
				// One Ctrl-C reaches us more than once (the terminal signals the whole process group and
				// npm and tsx each relay it too); only a deliberate second press means "exit now".
				if (this.running && Date.now() - firstAt < DUPLICATE_SIGNAL_WINDOW_MS) return;
				if (this.running) {
					log('second signal: exiting now');
					process.exit(130);
				}
				firstAt = Date.now();
				log(`${signal}: stopping …`);
				void this.run(log).then(() => resolve(signal));
			};
			process.on('SIGINT', handle);
			process.on('SIGTERM', handle);
		});
	}
}
