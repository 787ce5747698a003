import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readTriggerPicks } from '../shared/trigger-picks';

export interface PollSettings {
	/** Picked event types ("Trigger On"); empty with `allEvents`. */
	eventTypes: Set<string>;
	allEvents: boolean;
	/** Picked indexes; empty: all. */
	indexIds: string[];
	maxEvents: number;
	startAfter: string | undefined;
	continueAfterExpired: boolean;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Reads and checks the parameters before any request is made. */
export function readPollSettings(context: IPollFunctions): PollSettings {
	const fail = (message: string) => new NodeOperationError(context.getNode(), message);
	const picks = readTriggerPicks(context);
	if (!picks.allEvents && picks.events.length === 0)
		throw fail('Choose at least one event under Trigger On, or "All Events"');
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const maxEvents = Number(options.maxEventsPerPoll ?? 1000);
	if (!Number.isInteger(maxEvents) || maxEvents < 1 || maxEvents > 10_000) {
		throw fail('Max Changes per Poll must be a whole number from 1 to 10000');
	}
	return {
		eventTypes: new Set(picks.events),
		allEvents: picks.allEvents,
		indexIds: picks.indexIds,
		maxEvents,
		startAfter: text(options.startAfterEventId),
		continueAfterExpired: options.onResumeExpired === 'continue',
	};
}
