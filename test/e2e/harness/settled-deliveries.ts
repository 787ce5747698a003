import type { RunningEmulator } from '../../../emulator/app';
import { type DeliveryAttempt, deliveriesForRun } from '../../../tools/examples/emulator';
import { pollUntil } from './poll';

/** A delivery the emulator is done with: no copy in flight, no retry scheduled. */
const FINAL = new Set(['delivered', 'failed']);

/**
 * The attempts of the webhook deliveries about `runId`, once the emulator has finished them. A
 * duplicated delivery's copy is sent after the original was answered, so a workflow can finish on
 * the original while the copy is still on the wire: waiting for the delivery's final status, rather
 * than reading the history at once, is what makes "both copies were answered" checkable.
 */
export async function settledDeliveryAttempts(
	emulator: RunningEmulator,
	runId: string,
): Promise<DeliveryAttempt[]> {
	return pollUntil(
		async () => {
			const deliveries = await deliveriesForRun(emulator, runId);
			if (deliveries.length === 0 || deliveries.some((d) => !FINAL.has(d.status))) return undefined;
			return deliveries.flatMap((delivery) => delivery.attempt_history ?? []);
		},
		{ what: `the webhook deliveries about ${runId} to be delivered or failed` },
	);
}
