import {
	LAST_EVENT_ID_EXPIRED,
	PROCESSING_STREAM_ERROR_EVENT,
	processingEventSchema,
	processingStreamErrorSchema,
	type ProcessingEvent,
} from '../contract/schemas/processing-event';
import type { SseEvent } from './parser';

/** What one dispatched SSE event of `GET /processing/events/stream` means (docs/api/conventions.md#processing-event-stream). */
export type ProcessingStreamItem =
	| { kind: 'event'; event: ProcessingEvent; id: string | undefined }
	| {
			kind: 'stream_error';
			code: string;
			message: string | undefined;
			/** The resume id fell out of retention: events were lost and the user must be told (docs/api/conventions.md#processing-event-stream). */
			lastEventIdExpired: boolean;
	  }
	| { kind: 'invalid'; reason: string };

function parseJson(data: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(data) };
	} catch {
		return { ok: false };
	}
}

/**
 * Interprets a dispatched SSE event: a processing event, the server's `processing.stream_error`
 * (after which it closes the stream), or something that does not fit the contract.
 */
export function interpretProcessingEvent(sse: SseEvent): ProcessingStreamItem {
	const json = parseJson(sse.data);
	if (sse.event === PROCESSING_STREAM_ERROR_EVENT) {
		const parsed = json.ok ? processingStreamErrorSchema.safeParse(json.value) : undefined;
		if (!parsed?.success) {
			return {
				kind: 'stream_error',
				code: 'stream_error',
				message: undefined,
				lastEventIdExpired: false,
			};
		}
		const { code, message } = parsed.data.error;
		return {
			kind: 'stream_error',
			code,
			message: message ?? undefined,
			lastEventIdExpired: code === LAST_EVENT_ID_EXPIRED,
		};
	}
	if (!json.ok) return { kind: 'invalid', reason: 'data is not JSON' };
	const parsed = processingEventSchema.safeParse(json.value);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return {
			kind: 'invalid',
			reason: issue ? `${issue.path.join('.') || 'data'}: ${issue.message}` : 'invalid event',
		};
	}
	return { kind: 'event', event: parsed.data, id: sse.id };
}
