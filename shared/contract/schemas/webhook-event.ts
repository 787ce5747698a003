import { z } from 'zod/v3';

import { id, optString } from './common';

/** The 17 delivery event names (docs/api/conventions.md#webhook-event-names). Load the live list from `GET /webhooks/events` and tolerate others. */
export const WEBHOOK_EVENT_NAMES = [
	'media.created',
	'media.processing.started',
	'media.processing.completed',
	'media.processing.failed',
	'prompt_run.started',
	'prompt_run.progress',
	'prompt_run.completed',
	'prompt_run.partial_completed',
	'prompt_run.failed',
	'prompt_run.cancelled',
	'export.ready',
	'export.failed',
	'import_job.started',
	'import_job.progress',
	'import_job.completed',
	'import_job.partial_completed',
	'import_job.failed',
] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number];

/** Name the emulator gives test deliveries (`POST /webhooks/{id}/test`); not documented by the vendor. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/**
 * Delivery envelope (docs/api/conventions.md#webhook-delivery). `data` holds ids of the affected resource, not its authoritative state:
 * receivers re-fetch. `event` is any string so new event names do not break receivers.
 */
export const webhookEventEnvelopeSchema = z
	.object({
		id,
		event: z.string().min(1),
		data: z.record(z.unknown()),
		api_version: optString,
		created_at: optString,
		metadata: z.record(z.unknown()).nullish(),
	})
	.passthrough();
export type WebhookEventEnvelope = z.infer<typeof webhookEventEnvelopeSchema>;
