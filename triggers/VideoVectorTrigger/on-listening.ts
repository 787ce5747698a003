import type { IHookFunctions } from 'n8n-workflow';

import { catchUpFailedDeliveries } from './catch-up';
import type { EndpointKind } from './endpoint-kind';
import { requestTestEvent } from './test-event';
import type { TriggerParameters } from './trigger-parameters';
import type { TriggerState } from './trigger-state';
import type { WebhookApi } from './webhook-api';

/**
 * Once n8n listens on a subscription: the editor's test listener asks VideoVector for a test event;
 * a published trigger that found its subscription still in place asks for what failed meanwhile.
 * Neither may fail the activation — without them the trigger still receives new events.
 */
export async function onListening(
	hook: IHookFunctions,
	input: {
		api: WebhookApi;
		state: TriggerState;
		params: TriggerParameters;
		kind: EndpointKind;
		webhookId: string;
		/** The subscription existed before this activation (so it may have missed deliveries). */
		existing: boolean;
	},
): Promise<void> {
	const { api, state, params, kind, webhookId } = input;
	if (kind === 'test') {
		if (params.sendTestEvent) requestTestEvent(hook, api, webhookId);
		return;
	}
	if (!input.existing || !params.resendMissedDeliveries) return;
	await catchUpFailedDeliveries(hook, api, state, webhookId).catch((error: unknown) => {
		const reason = error instanceof Error ? error.message : String(error);
		hook.logger.warn(
			`VideoVector Trigger: could not re-request the deliveries that failed while the workflow was off (${reason}); they stay in VideoVector's delivery log`,
		);
	});
}
