import { consoleLog as log } from './log';
import { Shutdown } from './shutdown';

/**
 * The process frame of a long-running command: runs `run` until it returns or Ctrl-C/SIGTERM
 * arrives, then stops everything registered with the Shutdown (newest first) and exits with
 * `run`'s code (0 on a signal, 1 on an error).
 */
export async function runUntilStopped(
	run: (shutdown: Shutdown) => Promise<number | null>,
): Promise<never> {
	const shutdown = new Shutdown();
	const signalled = shutdown.onSignal(log);
	let exitCode: number;
	try {
		exitCode = (await Promise.race([run(shutdown), signalled.then(() => null)])) ?? 0;
	} catch (error) {
		log(`failed: ${(error as Error).message}`);
		exitCode = 1;
	}
	await shutdown.run(log);
	process.exit(exitCode);
}
