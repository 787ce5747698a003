import { afterAll, beforeAll } from 'vitest';

import type { StartEmulatorOptions } from '../../../../emulator/app';
import { type LocalSinks, startLocalSinks } from '../../../../tools/sinks/local-sinks';
import type { Stack } from '../../harness/stack';
import { useStack } from '../../harness/use-stack';

/** Virtual ms per real ms in the example tests: a run of a few media finishes in well under a second. */
export const CLOCK_SCALE = 20;

/** Real milliseconds as the emulator's virtual milliseconds (its config takes virtual durations). */
export function virtualMs(realMs: number): number {
	return realMs * CLOCK_SCALE;
}

/**
 * Webhook retries that outlast an n8n restart (10–20 s real on an idle machine, minutes on a loaded
 * one): the first retry soon, then one every 2 s real, for about five minutes. The emulator's
 * defaults would give up within seconds at this scale.
 */
export const PATIENT_WEBHOOK_RETRIES = {
	baseDelayMs: virtualMs(100),
	maxDelayMs: virtualMs(2_000),
	maxAttempts: 150,
};

export interface ExampleStack {
	stack: () => Stack;
	sinks: () => LocalSinks;
}

/** One n8n + emulator (fast clock, empty account) and the local sinks, for one test file. */
export function useExampleStack(emulator: StartEmulatorOptions = {}): ExampleStack {
	const stack = useStack({ emulator: { seed: 'empty', clockScale: CLOCK_SCALE, ...emulator } });
	let sinks: LocalSinks | undefined;
	beforeAll(async () => {
		sinks = await startLocalSinks();
	});
	afterAll(async () => {
		await sinks?.close();
	});
	return {
		stack,
		sinks: () => {
			if (!sinks) throw new Error('the sinks are not started (use them inside tests or hooks)');
			return sinks;
		},
	};
}
