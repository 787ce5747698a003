/**
 * The emulator the prompt-run tests share a setup for: a fast clock (2,000 virtual ms per real ms,
 * so a run of a few media finishes in milliseconds while the node waits), reset before every test
 * to an empty account where every segment succeeds (tests opt in to failures), and a runner that
 * sends the node's Prompt Run operations to it over real HTTP.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/app';
import { emulatorCredentials } from '../../support/emulator-run';
import { byId } from '../../support/node-fixtures';
import { runNode } from '../../support/run-node';

export const CLOCK_SCALE = 2000;

export function useRunEmulator(randomSeed: string) {
	let running: RunningEmulator | undefined;
	beforeAll(async () => {
		running = await startEmulator({ seed: 'empty', clockScale: CLOCK_SCALE, randomSeed });
	});
	afterAll(async () => await running?.close());
	const emulator = (): RunningEmulator => {
		if (!running) throw new Error('the emulator is not started (use it inside tests or hooks)');
		return running;
	};
	beforeEach(() => {
		emulator().control.reset('empty');
		// Config survives a reset; every test starts from "everything succeeds".
		emulator().control.config.update({
			simulation: { segmentFailureRate: 0, retryFailureRate: 0 },
		});
		emulator().control.clock.setScale(CLOCK_SCALE);
	});
	const run = (
		parameters: Record<string, unknown>,
		extra: { continueOnFail?: boolean; executionId?: string } = {},
	) =>
		runNode({
			parameters: { resource: 'promptRun', options: {}, ...parameters },
			credentials: emulatorCredentials(emulator()),
			...extra,
		});
	return { emulator, run };
}

/** Execute over a seeded index and prompt, with fixed 10 s segments (the seeded media's own). */
export const executeOn = (seeded: { prompt_id: string | null; index_id: string | null }) => ({
	operation: 'execute',
	promptId: byId(seeded.prompt_id as string),
	target: 'index',
	indexId: byId(seeded.index_id as string),
	options: { videoSegmentation: 'fixed', videoSegmentDuration: 10 },
});
