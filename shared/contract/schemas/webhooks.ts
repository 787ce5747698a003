import { z } from 'zod/v3';

import { id, openEnum, optNumber, optString } from './common';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_STATUSES } from './statuses';
import { webhookEventEnvelopeSchema } from './webhook-event';

/** Webhook subscription (docs/api/conventions.md#webhook-endpoints), as listed: no secret. */
export const webhookSchema = z
	.object({
		webhook_id: id,
		name: optString,
		url: z.string(),
		events: z.array(z.string()),
		index_ids: z.array(z.string()).nullish(),
		status: openEnum(WEBHOOK_STATUSES),
		failure_count: optNumber,
		last_failure_at: optString,
		last_success_at: optString,
		created_at: optString,
		updated_at: optString,
		metadata: z.record(z.unknown()).nullish(),
	})
	.passthrough();
export type Webhook = z.infer<typeof webhookSchema>;

/** Create answer: the only time the signing secret is shown. */
export const webhookWithSecretSchema = webhookSchema.extend({ secret: z.string().min(1) });
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const rotateWebhookSecretSchema = z
	.object({ webhook_id: id, new_secret: z.string().min(1) })
	.passthrough();

export const webhookTestResultSchema = z
	.object({ success: z.boolean(), status_code: optNumber, error: optString })
	.passthrough();

/** WebhookDelivery (docs/api/conventions.md#webhook-endpoints): one event's delivery, with every attempt's outcome summarised. */
export const webhookDeliverySchema = z
	.object({
		delivery_id: id,
		webhook_id: optString,
		event_type: optString,
		status: openEnum(WEBHOOK_DELIVERY_STATUSES),
		attempts: optNumber,
		last_attempt_at: optString,
		next_retry_at: optString,
		response_status_code: optNumber,
		response_body: optString,
		error_message: optString,
		created_at: optString,
		completed_at: optString,
		payload: webhookEventEnvelopeSchema.nullish(),
	})
	.passthrough();
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
