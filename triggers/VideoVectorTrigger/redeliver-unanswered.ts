import type { IWebhookFunctions } from 'n8n-workflow';

import type { WebhookEventEnvelope } from '../../shared/contract/schemas/webhook-event';
import {
	API_DELIVERY_ID_HEADER,
	API_SIGNATURE_HEADER,
	API_WEBHOOK_ID_HEADER,
	signApiWebhook,
} from '../../shared/webhooks/api-signature';
import type { EndpointKind } from './endpoint-kind';
import { recentDeliveries } from './recent-deliveries';
import { acceptedSecrets } from './signing-secrets';
import type { TriggerParameters } from './trigger-parameters';
import type { TriggerState } from './trigger-state';
import { unansweredDeliveries } from './unanswered-deliveries';
import { createWebhookApi } from './webhook-api';

/**
 * Recovery of deliveries n8n acknowledged while starting, without running the trigger
 * (unanswered-deliveries.ts). n8n calls no trigger method when it restarts, so the first delivery
 * an n8n process hands to each trigger endpoint is the first chance: it reads the newest 100
 * delivered entries of the delivery log and posts each missed one to its own URL, signed with the
 * subscription's current secret. Each then arrives like any delivery — verified, de-duplicated,
 * one execution. Not awaited by the delivery that started it, which answers VideoVector at once.
 */

/** Trigger endpoints this n8n process has checked; a restart empties it, as it should. */
export class RecoveryChecks {
	private readonly checked = new Set<string>();

	/** True the first time for `scope` in this process. */
	claim(scope: string): boolean {
		if (this.checked.has(scope)) return false;
		this.checked.add(scope);
		return true;
	}

	/** After a failed check, so the next delivery tries again. */
	release(scope: string): void {
		this.checked.delete(scope);
	}

	clear(): void {
		this.checked.clear();
	}
}

export const recoveryChecks = new RecoveryChecks();

async function postToSelf(
	context: IWebhookFunctions,
	url: string,
	webhookId: string,
	secret: string,
	envelope: WebhookEventEnvelope,
): Promise<number> {
	const body = JSON.stringify(envelope);
	const response = (await context.helpers.httpRequest({
		method: 'POST',
		url,
		body,
		headers: {
			'content-type': 'application/json',
			[API_WEBHOOK_ID_HEADER]: webhookId,
			// The trigger requires it to equal the signed envelope id (shared/webhooks/replay-rule.ts).
			[API_DELIVERY_ID_HEADER]: envelope.id,
			[API_SIGNATURE_HEADER]: signApiWebhook(secret, body),
		},
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as { statusCode?: number };
	return response.statusCode ?? 0;
}

export async function redeliverUnanswered(
	context: IWebhookFunctions,
	input: { scope: string; webhookId: string; secret: string; state: TriggerState; nowMs: number },
): Promise<number> {
	const url = context.getNodeWebhookUrl('default');
	if (url === undefined) return 0;
	const api = await createWebhookApi(context);
	const missed = unansweredDeliveries(await api.deliveries(input.webhookId, 'delivered'), {
		webhookId: input.webhookId,
		state: input.state,
		nowMs: input.nowMs,
		answeredHere: (key) => recentDeliveries.has(input.scope, key),
	});
	let accepted = 0;
	for (const delivery of missed) {
		if (!delivery.payload) continue;
		const status = await postToSelf(context, url, input.webhookId, input.secret, delivery.payload);
		if (status >= 200 && status < 300) accepted++;
		else
			context.logger.warn(
				`VideoVector Trigger: re-sending delivery ${delivery.delivery_id} to this trigger got HTTP ${status}`,
			);
	}
	if (missed.length > 0)
		context.logger.info(
			`VideoVector Trigger: ${accepted} of ${missed.length} delivery(ies) that n8n acknowledged while starting, without running this trigger, were sent to it again`,
		);
	return accepted;
}

/**
 * Starts the recovery on the first verified delivery this process hands to a published trigger
 * endpoint, unless "Re-Send Missed Deliveries" is off. Failures are logged, never thrown (the
 * delivery that started it has been answered already), and leave the check to the next delivery.
 */
export function recoverOnFirstDelivery(
	context: IWebhookFunctions,
	input: {
		scope: string;
		kind: EndpointKind;
		params: TriggerParameters;
		state: TriggerState;
		webhookId: string | null;
		nowMs: number;
	},
): void {
	const { scope, kind, params, state, webhookId, nowMs } = input;
	if (params.delivery !== 'direct' || kind !== 'production' || webhookId === null) return;
	if (!params.resendMissedDeliveries || !recoveryChecks.claim(scope)) return;
	const registration = state.registrations().find((entry) => entry.webhookId === webhookId);
	const secret = acceptedSecrets(registration?.secrets ?? [], nowMs)[0];
	if (secret === undefined) return;
	void redeliverUnanswered(context, { scope, webhookId, secret, state, nowMs }).catch(
		(error: unknown) => {
			recoveryChecks.release(scope);
			const reason = error instanceof Error ? error.message : String(error);
			context.logger.warn(
				`VideoVector Trigger: could not check the delivery log for deliveries n8n acknowledged while starting (${reason}); the next delivery checks again`,
			);
		},
	);
}
