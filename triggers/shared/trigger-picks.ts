import { ALL_EVENTS, sortedUnique } from '../VideoVectorTrigger/event-selection';

/** The values of the shared pickers (trigger-pickers.ts), read the same way by every trigger. */
export interface TriggerPicks {
	/** Picked event types; empty together with `allEvents`. */
	events: string[];
	allEvents: boolean;
	indexIds: string[];
}

interface ParameterSource {
	getNodeParameter(name: string, fallback?: unknown): unknown;
}

/** Multi-option values may also arrive as an expression's comma-separated string. */
export function stringList(value: unknown): string[] {
	const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return sortedUnique(raw.filter((entry): entry is string => typeof entry === 'string'));
}

export function readTriggerPicks(context: ParameterSource): TriggerPicks {
	const events = stringList(context.getNodeParameter('events', []));
	const allEvents = events.includes(ALL_EVENTS);
	return {
		events: allEvents ? [] : events,
		allEvents,
		indexIds: stringList(context.getNodeParameter('indexIds', [])),
	};
}

/** Whether an event of `indexId` passes the index picker; events of no index always pass. */
export function indexPicked(indexId: unknown, indexIds: readonly string[]): boolean {
	if (indexIds.length === 0) return true;
	return typeof indexId !== 'string' || indexId === '' || indexIds.includes(indexId);
}
