import type { WebhookDelivery } from '../../shared/contract/schemas/webhooks';
import { isN8nStartupAnswer } from '../../shared/webhooks/n8n-startup-answer';
import { oldestFirst, whyNotResent } from './catch-up';
import type { TriggerState } from './trigger-state';

/**
 * Deliveries VideoVector counts as delivered although n8n never ran the trigger for them: n8n
 * answered while it was starting (shared/webhooks/n8n-startup-answer.ts). VideoVector will not
 * re-send those (it retries failed deliveries only), so the trigger sends them to itself
 * (redeliver-unanswered.ts).
 *
 * Which ones are still missing cannot come from static data: n8n 2.41 does not save what a
 * trigger's webhook() writes there when the response waits for the execution to start (see
 * triggers/VideoVectorTrigger/README.md). It comes from the delivery log itself: a start-up answer
 * older than a delivery an earlier n8n process answered was already recovered by that process.
 */

function completedAtMs(delivery: WebhookDelivery): number {
	return Date.parse(String(delivery.completed_at ?? delivery.last_attempt_at ?? ''));
}

function envelopeKey(webhookId: string, delivery: WebhookDelivery): string | undefined {
	return delivery.payload ? `${webhookId}/${delivery.payload.id}` : undefined;
}

/**
 * The start-up answers of the delivery log that no n8n process has recovered yet and that would
 * still start the workflow, oldest first.
 */
export function unansweredDeliveries(
	delivered: readonly WebhookDelivery[],
	input: {
		webhookId: string;
		state: TriggerState;
		nowMs: number;
		/** Whether this n8n process answered the envelope (recent-deliveries.ts). */
		answeredHere: (key: string) => boolean;
	},
): WebhookDelivery[] {
	const { webhookId, state, nowMs } = input;
	const answeredHere = (delivery: WebhookDelivery): boolean => {
		const key = envelopeKey(webhookId, delivery);
		return key !== undefined && input.answeredHere(key);
	};
	// Compared on VideoVector's clock only: n8n's may differ.
	const lastAnsweredEarlier = Math.max(
		0,
		...delivered
			.filter((delivery) => !isN8nStartupAnswer(delivery.response_body) && !answeredHere(delivery))
			.map(completedAtMs)
			.filter(Number.isFinite),
	);
	return oldestFirst(
		delivered.filter(
			(delivery) =>
				isN8nStartupAnswer(delivery.response_body) &&
				completedAtMs(delivery) > lastAnsweredEarlier &&
				!answeredHere(delivery) &&
				whyNotResent(delivery, webhookId, state, nowMs) === undefined,
		),
	);
}
