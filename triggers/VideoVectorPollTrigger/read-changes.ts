import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { endpointRequest } from '../../shared/contract/endpoint-request';
import { PROCESSING_STREAM_ERROR_EVENT } from '../../shared/contract/schemas/processing-event';
import { interpretProcessingEvent } from '../../shared/sse/processing-event';
import { ApiSession } from '../../shared/n8n/api-session';
import { readBoundedSse } from '../../shared/n8n/sse-read';
import { itemFromProcessingEvent } from '../shared/event-item';
import { indexPicked } from '../shared/trigger-picks';
import type { PollSettings } from './poll-settings';
import { STATUS_EVENT_TYPES } from './status-changes';

/** A replay is flushed at once; this long without an event means the read has caught up. */
export const CAUGHT_UP_IDLE_MS = 1500;
/** Upper bound of one read when n8n gives the poll no budget of its own. */
const DEFAULT_READ_LIMIT_MS = 30_000;
/** Left of n8n's poll budget for emitting the items. */
const BUDGET_MARGIN_MS = 2_000;

export interface ReadOutcome {
	/** Matching events, in feed order, in the triggers' common item shape (triggers/shared/event-item.ts). */
	changes: IDataObject[];
	/** Id of the last event read (matching or not): the next read resumes after it. */
	lastEventId: string | undefined;
	/** The server no longer holds the events after `after` (`last_event_id_expired`, docs/api/conventions.md#processing-event-stream). */
	expired: boolean;
}

function readLimitMs(context: IPollFunctions): number {
	const budget =
		typeof context.getPollBudgetMs === 'function' ? Number(context.getPollBudgetMs()) : Number.NaN;
	if (!Number.isFinite(budget) || budget <= 0) return DEFAULT_READ_LIMIT_MS;
	return Math.max(CAUGHT_UP_IDLE_MS, Math.min(DEFAULT_READ_LIMIT_MS, budget - BUDGET_MARGIN_MS));
}

/**
 * One poll's read of the processing event feed (`GET /processing/events/stream`, docs/api/conventions.md#processing-event-stream): with
 * `Last-Event-ID` the server replays every retained event after it, in order, with no gap or repeat —
 * an ordered, resumable change feed. The read stops once it has caught up (no event for a moment),
 * at Max Changes per Poll, or at the time limit, and closes the connection; whatever was read is
 * kept, the rest comes with the next poll. Before the first event is known (`after` undefined) the
 * read is live and unfiltered, so any event of the account gives the trigger a position.
 */
export async function readChanges(
	context: IPollFunctions,
	settings: PollSettings,
	after: string | undefined,
	idleMs = CAUGHT_UP_IDLE_MS,
): Promise<ReadOutcome> {
	// Every status change keeps the position moving while the picked kinds are quiet (status-changes.ts).
	const query =
		after === undefined || settings.allEvents
			? {}
			: { event_types: [...new Set([...STATUS_EVENT_TYPES, ...settings.eventTypes])] };
	const result = await readBoundedSse(
		new ApiSession(context),
		endpointRequest('processing_events.stream', { query }),
		{
			timeoutMs: readLimitMs(context),
			idleTimeoutMs: idleMs,
			maxEvents: settings.maxEvents,
			lastEventId: after,
			// The server closes the stream right after a stream error.
			stopAfter: (event) => event.event === PROCESSING_STREAM_ERROR_EVENT,
		},
	);

	const changes: IDataObject[] = [];
	let lastEventId = after;
	let expired = false;
	for (const sse of result.events) {
		const item = interpretProcessingEvent(sse);
		if (item.kind === 'stream_error') {
			// Any other stream error: keep what was read, the next poll resumes after it.
			expired = item.lastEventIdExpired;
			break;
		}
		if (item.kind !== 'event') {
			// Not a status change the trigger can read; its id still counts as read.
			if (sse.id) lastEventId = sse.id;
			context.logger.warn(
				`VideoVector Poll Trigger skipped an event it could not read (${item.reason})`,
			);
			continue;
		}
		lastEventId = item.id || item.event.event_id;
		if (matches(settings, item.event)) changes.push(itemFromProcessingEvent(item.event));
	}
	return { changes, lastEventId, expired };
}

function matches(
	settings: PollSettings,
	event: { event_type: string; index_id?: string | null },
): boolean {
	if (!settings.allEvents && !settings.eventTypes.has(event.event_type)) return false;
	return indexPicked(event.index_id, settings.indexIds);
}
