import { freePort, isPortTaken } from '../../../tools/n8n/free-port';
import { launchN8n, type LaunchOptions } from '../../../tools/n8n/launch';
import type { RunningN8n } from '../../../tools/n8n/n8n-process';
import { recordHarnessGroup } from './orphans';
import { pollUntil } from './poll';

const ATTEMPTS = 5;

/**
 * A port `freePort` found free can be taken before n8n binds it: the machine runs other helpers'
 * n8n instances and emulators, and every outgoing loopback connection borrows an ephemeral port.
 * n8n then exits during start-up with EADDRINUSE; that is the only failure retried here.
 */
function lostThePort(error: unknown): boolean {
	return error instanceof Error && /EADDRINUSE|address already in use/i.test(error.message);
}

/** Starts n8n on fresh free ports, picking new ones when a port was taken in between. */
export async function launchOnFreePorts(
	options: Omit<LaunchOptions, 'port' | 'brokerPort'>,
): Promise<{ n8n: RunningN8n; options: LaunchOptions }> {
	for (let attempt = 1; ; attempt++) {
		const launchOptions: LaunchOptions = {
			...options,
			port: await freePort(),
			brokerPort: await freePort(),
			// Recorded until it exits, so a later run stops it if this worker is killed first.
			onSpawn: (pid) => recordHarnessGroup(pid, 'n8n', options.userFolder),
		};
		try {
			return { n8n: await launchN8n(launchOptions), options: launchOptions };
		} catch (error) {
			if (attempt >= ATTEMPTS || !lostThePort(error)) throw error;
		}
	}
}

/** Resolves once nothing holds either port (binding them the way n8n will is the test). */
function portsReleased(options: LaunchOptions): Promise<true> {
	return pollUntil(
		async () =>
			(await isPortTaken(options.port)) || (await isPortTaken(options.brokerPort))
				? undefined
				: true,
		{ what: `ports ${options.port} and ${options.brokerPort} to be free again`, intervalMs: 200 },
	);
}

/**
 * Starts n8n again on the ports it had (its origin is in saved webhook URLs). When a port is
 * briefly held by someone else's connection, the next attempt waits until it is free again.
 */
export async function relaunchOnSamePorts(options: LaunchOptions): Promise<RunningN8n> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await launchN8n(options);
		} catch (error) {
			if (attempt >= ATTEMPTS || !lostThePort(error)) throw error;
			await portsReleased(options);
		}
	}
}
