import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { QueryValue } from '../../shared/http/types';
import { parseIdList } from '../../shared/n8n/id-list';
import { readTriggerPicks } from '../shared/trigger-picks';
import type { OutputMode } from './delivery-units';

export interface TriggerSettings {
	mode: OutputMode;
	batchSize: number;
	/** Filters of `GET /processing/events/stream` (docs/api/conventions.md#processing-event-stream). */
	query: Record<string, QueryValue>;
	watchdogMs: number;
	maxReconnectDelayMs: number;
	/** Start position for the first activation (and for manual listening). */
	startAfter: string | undefined;
	continueAfterExpired: boolean;
	/** Indexes the events must belong to when the server cannot filter them (more than one). */
	localIndexIds: string[];
}

/** The server's own maximum for `batch_size`. */
const MAX_BATCH_SIZE = 1000;
/** Until the server sends `retry:`, reconnect after a second (SSE clients commonly use 1–3 s). */
export const INITIAL_RECONNECT_DELAY_MS = 1000;

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Reads and checks the parameters, refusing bad values before any connection is made. */
export function readTriggerSettings(context: ITriggerFunctions): TriggerSettings {
	const fail = (message: string) => new NodeOperationError(context.getNode(), message);
	const mode: OutputMode =
		context.getNodeParameter('output', 'eachEvent') === 'batch' ? 'batch' : 'eachEvent';
	const batchSize = Number(mode === 'batch' ? context.getNodeParameter('batchSize', 50) : 1);
	if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
		throw fail(`Batch Size must be a whole number from 1 to ${MAX_BATCH_SIZE}`);
	}
	const picks = readTriggerPicks(context);
	if (!picks.allEvents && picks.events.length === 0)
		throw fail('Choose at least one event under Trigger On, or "All Events"');
	// The stream filters by one index; several are filtered here, after reading.
	const serverIndex = picks.indexIds.length === 1 ? picks.indexIds[0] : undefined;
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const options = context.getNodeParameter('options', {}) as IDataObject;

	const heartbeatSeconds = Number(options.heartbeatTimeoutSeconds ?? 45);
	if (!Number.isFinite(heartbeatSeconds) || heartbeatSeconds < 0)
		throw fail('Heartbeat Timeout must be 0 or more seconds');
	const maxDelaySeconds = Number(options.maxReconnectDelaySeconds ?? 60);
	if (!Number.isFinite(maxDelaySeconds) || maxDelaySeconds <= 0)
		throw fail('Max Reconnect Delay must be more than 0 seconds');

	return {
		mode,
		batchSize,
		query: {
			run_id: text(filters.runId),
			index_id: serverIndex,
			video_ids: parseIdList(filters.videoIds),
			event_types: picks.allEvents ? undefined : picks.events,
			batch_size: mode === 'batch' ? batchSize : undefined,
		},
		watchdogMs: Math.round(heartbeatSeconds * 1000),
		maxReconnectDelayMs: Math.round(maxDelaySeconds * 1000),
		startAfter: text(options.startAfterEventId),
		continueAfterExpired: options.onResumeExpired === 'continue',
		localIndexIds: picks.indexIds.length > 1 ? picks.indexIds : [],
	};
}
