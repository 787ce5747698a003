import type { IDataObject } from 'n8n-workflow';

import type { ProcessingEvent } from '../../shared/contract/schemas/processing-event';
import type { WebhookEventEnvelope } from '../../shared/contract/schemas/webhook-event';

/**
 * The one item shape every VideoVector trigger emits for an event (README "Trigger output"), so a
 * workflow reads `{{ $json.event }}` and `{{ $json.data.run_id }}` whichever trigger started it.
 * `data` holds the ids of the resources the event is about plus its details (status, counters).
 * Triggers may add their own facts beside these keys (`delivery`, `object`, `sample`), never inside.
 */
export interface TriggerEventItem extends IDataObject {
	/** Stable id of the event (webhook envelope `id`, stream `event_id`); null only for samples. */
	event_id: string | null;
	/** Event type name, e.g. `prompt_run.completed`. */
	event: string;
	created_at: string | null;
	data: IDataObject;
}

const RESOURCE_ID_KEYS = ['run_id', 'video_id', 'segment_id', 'index_id'] as const;

/** A webhook envelope (direct or via the receiver); `api_version` and `metadata` are kept when sent. */
export function itemFromEnvelope(envelope: WebhookEventEnvelope): TriggerEventItem {
	const { id, event, data, created_at, ...rest } = envelope;
	return {
		event_id: id,
		event,
		created_at: created_at ?? null,
		data: data as IDataObject,
		...(rest as IDataObject),
	};
}

/** A processing event (event stream, poll trigger): its resource ids and `payload` become `data`. */
export function itemFromProcessingEvent(event: ProcessingEvent): TriggerEventItem {
	const ids: IDataObject = {};
	for (const key of RESOURCE_ID_KEYS) {
		const value = event[key];
		if (typeof value === 'string' && value !== '') ids[key] = value;
	}
	return {
		event_id: event.event_id,
		event: event.event_type,
		created_at: event.created_at ?? null,
		data: { ...ids, ...((event.payload ?? {}) as IDataObject) },
	};
}
