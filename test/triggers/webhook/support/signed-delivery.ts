/** A VideoVector webhook envelope and the headers VideoVector sends a delivery of it with, for tests. */
import { signApiWebhook } from '../../../../shared/webhooks/api-signature';

/** An envelope as the API sends it, created now. */
export function apiEnvelope(
	id: string,
	event = 'prompt_run.completed',
	data: Record<string, unknown> = { run_id: 'run_1' },
): string {
	return JSON.stringify({
		id,
		event,
		data,
		api_version: '2024-01',
		created_at: new Date().toISOString(),
	});
}

/** The headers of a delivery of `body`, signed with `secret` the way VideoVector signs it. */
export function apiDeliveryHeaders(
	secret: string,
	webhookId: string,
	body: string | Buffer,
	deliveryId: string,
): Record<string, string> {
	return {
		'x-webhook-signature': signApiWebhook(secret, body),
		'x-webhook-id': webhookId,
		'x-delivery-id': deliveryId,
		'idempotency-key': deliveryId,
	};
}
