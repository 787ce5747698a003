/**
 * One emulator per test file and one trigger host per test, closed afterwards, so every test sees
 * an empty subscription list and nothing stays open.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';

import {
	startEmulator,
	type RunningEmulator,
	type StartEmulatorOptions,
} from '../../../../emulator/app';
import { TriggerHost, type HostOptions } from './trigger-host';

export const RECEIVER_SECRET = `whsec_${Buffer.from('receiver-to-n8n-shared-secret-32').toString('base64')}`;

export function useTriggerWorld(emulatorOptions: StartEmulatorOptions = {}) {
	let emulator: RunningEmulator | undefined;
	const hosts: TriggerHost[] = [];

	beforeAll(async () => {
		emulator = await startEmulator({
			seed: 'empty',
			randomSeed: 'trigger-tests',
			...emulatorOptions,
		});
	});
	afterEach(async () => {
		while (hosts.length > 0) await hosts.pop()?.close();
		emulator?.control.reset('empty');
	});
	afterAll(async () => {
		await emulator?.close();
	});

	const world = {
		get emulator(): RunningEmulator {
			if (!emulator) throw new Error('emulator not started');
			return emulator;
		},
		/** A trigger in direct mode with an admin key for the emulator, unless told otherwise. */
		async host(
			parameters: Record<string, unknown>,
			overrides: Partial<HostOptions> = {},
		): Promise<TriggerHost> {
			const host = await TriggerHost.start({
				parameters: { delivery: 'direct', indexIds: [], options: {}, ...parameters },
				credentials: {
					n8nNodesVideoVectorApi: {
						authentication: 'apiKey',
						apiKey: world.emulator.apiKey,
						baseUrl: world.emulator.baseUrl,
					},
					n8nNodesVideoVectorReceiverApi: { secret: RECEIVER_SECRET },
				},
				...overrides,
			});
			hosts.push(host);
			return host;
		},
	};
	return world;
}
