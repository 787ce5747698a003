import { signApiWebhook } from '../../../shared/webhooks/api-signature';

export const WEBHOOK_ID = 'wh_test_1';
export const SECRET = 'whsec-test-secret-0123456789';

export interface EnvelopeOptions {
	id: string;
	event?: string;
	data?: Record<string, unknown>;
	/** Signed creation time; defaults to now (older envelopes fall outside the replay window). `null` omits it. */
	createdAt?: string | null;
}

/** A delivery body shaped as the receiver README's "What VideoVector sends" describes, serialised once so the signed bytes are the sent bytes. */
export function envelopeBody(options: EnvelopeOptions): string {
	return JSON.stringify({
		id: options.id,
		event: options.event ?? 'prompt_run.completed',
		data: options.data ?? { run_id: `run_${options.id}`, prompt_id: 'prm_1', status: 'completed' },
		api_version: '2024-01',
		...(options.createdAt === null
			? {}
			: { created_at: options.createdAt ?? new Date().toISOString() }),
	});
}

export interface SignOptions {
	secret?: string;
	webhookId?: string;
	deliveryId: string;
}

/** Headers VideoVector sends with a delivery (README, "What VideoVector sends"), signed as it describes. */
export function deliveryHeaders(
	body: string | Buffer,
	options: SignOptions,
): Record<string, string> {
	return {
		'content-type': 'application/json',
		'x-webhook-signature': signApiWebhook(options.secret ?? SECRET, body),
		'x-webhook-id': options.webhookId ?? WEBHOOK_ID,
		'x-delivery-id': options.deliveryId,
		'idempotency-key': options.deliveryId,
	};
}
