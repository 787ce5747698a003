import type { IHookFunctions } from 'n8n-workflow';

import { WEBHOOK_TEST_EVENT } from '../../shared/contract/schemas/webhook-event';
import type { WebhookDelivery } from '../../shared/contract/schemas/webhooks';
import { checkReplayRule } from '../../shared/webhooks/replay-rule';
import { alreadySeen, DEFAULT_DEDUPE_LIMITS } from './delivery-dedupe';
import type { TriggerState } from './trigger-state';
import type { WebhookApi } from './webhook-api';

export interface CatchUpOutcome {
	requested: number;
	/** Failed deliveries left alone: test events, already executed, or too old to be accepted. */
	skipped: number;
}

/**
 * Why a delivery from the log is not sent again, or undefined when it should be. A delivery the
 * trigger would refuse anyway (older than its de-duplication window) or has already turned into an
 * execution (n8n ran it but answered too late) would only fail again or be dropped as a duplicate.
 */
export function whyNotResent(
	delivery: WebhookDelivery,
	webhookId: string,
	state: TriggerState,
	nowMs: number,
): string | undefined {
	const envelope = delivery.payload;
	if (!envelope) return 'no payload';
	if (envelope.event === WEBHOOK_TEST_EVENT) return 'test event';
	if (alreadySeen(state.seenDeliveries('production'), `${webhookId}/${envelope.id}`))
		return 'already received';
	const replay = checkReplayRule({
		headerId: undefined,
		envelopeId: envelope.id,
		createdAt: envelope.created_at,
		nowMs,
		windowMs: DEFAULT_DEDUPE_LIMITS.maxAgeMs,
		floorMs: state.seenFloor('production'),
	});
	return replay.ok ? undefined : 'too old';
}

/** In the order VideoVector created them, so the workflow sees events as they happened. */
export function oldestFirst(deliveries: readonly WebhookDelivery[]): WebhookDelivery[] {
	return [...deliveries].sort((a, b) =>
		String(a.created_at ?? '').localeCompare(String(b.created_at ?? '')),
	);
}

/**
 * Catch-up after downtime (docs/n8n.md#catch-up-after-downtime): when publishing finds the trigger's
 * subscription still in place (it was unpublished with "Keep Subscription While Unpublished", or an
 * earlier removal failed), the deliveries VideoVector gave up on meanwhile are read from
 * its delivery log and re-sent, oldest first. They arrive as ordinary signed deliveries, so the
 * trigger's de-duplication makes each start the workflow once.
 */
export async function catchUpFailedDeliveries(
	hook: IHookFunctions,
	api: WebhookApi,
	state: TriggerState,
	webhookId: string,
	nowMs: number = Date.now(),
): Promise<CatchUpOutcome> {
	const failed = await api.deliveries(webhookId, 'failed');
	const outcome: CatchUpOutcome = { requested: 0, skipped: 0 };
	for (const delivery of oldestFirst(failed)) {
		if (whyNotResent(delivery, webhookId, state, nowMs) !== undefined) {
			outcome.skipped++;
			continue;
		}
		if ((await api.retryDelivery(delivery.delivery_id)) === 'requested') outcome.requested++;
		else outcome.skipped++;
	}
	if (outcome.requested > 0) {
		hook.logger.info(
			`VideoVector Trigger: asked VideoVector to re-send ${outcome.requested} delivery(ies) that failed while the workflow was not listening`,
		);
	}
	return outcome;
}
