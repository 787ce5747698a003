import { z } from 'zod/v3';

import { optString } from './common';

/** `data` of one processing event (docs/api/conventions.md#processing-event-stream). Event types are open: webhook names plus `segment.*`. */
export const processingEventSchema = z
	.object({
		event_id: z.string().min(1),
		event_type: z.string().min(1),
		user_id: optString,
		run_id: optString,
		video_id: optString,
		segment_id: optString,
		index_id: optString,
		created_at: optString,
		payload: z.record(z.unknown()).nullish(),
	})
	.passthrough();
export type ProcessingEvent = z.infer<typeof processingEventSchema>;

/** SSE event name the server sends before closing a failed stream. */
export const PROCESSING_STREAM_ERROR_EVENT = 'processing.stream_error';
/** Code in that event when `Last-Event-ID` is outside retention: the client must surface it (docs/api/conventions.md#processing-event-stream). */
export const LAST_EVENT_ID_EXPIRED = 'last_event_id_expired';

export const processingStreamErrorSchema = z
	.object({ error: z.object({ code: z.string().min(1), message: optString }).passthrough() })
	.passthrough();
export type ProcessingStreamError = z.infer<typeof processingStreamErrorSchema>;
