import type { Emulator } from '../core/context.js';
import { DeletionSimulator } from './deletions.js';
import { SseRegistry } from './event-stream.js';
import { ExportSimulator } from './exports.js';
import { ImportJobSimulator } from './import-jobs.js';
import { RunSimulator } from './prompt-runs.js';
import { SegmentRetrySimulator } from './segment-retries.js';
import { WebhookDispatcher } from './webhook-delivery.js';

/** Every state machine, wired to the shared services. */
export interface Sims {
	runs: RunSimulator;
	retries: SegmentRetrySimulator;
	imports: ImportJobSimulator;
	exports: ExportSimulator;
	deletions: DeletionSimulator;
	webhooks: WebhookDispatcher;
	sse: SseRegistry;
}

export function createSims(emu: Emulator): Sims {
	return {
		runs: new RunSimulator(emu),
		retries: new SegmentRetrySimulator(emu),
		imports: new ImportJobSimulator(emu),
		exports: new ExportSimulator(emu),
		deletions: new DeletionSimulator(emu),
		webhooks: new WebhookDispatcher(emu),
		sse: new SseRegistry(emu),
	};
}
