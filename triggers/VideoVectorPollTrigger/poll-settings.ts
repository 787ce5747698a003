import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { STATUS_EVENT_TYPES } from './status-changes';

export interface PollSettings {
	/** Event types of the picked status changes. */
	eventTypes: Set<string>;
	indexId: string | undefined;
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
	const picked = context.getNodeParameter('changes', []) as unknown;
	const eventTypes = Array.isArray(picked)
		? picked.filter((value): value is string => typeof value === 'string')
		: [];
	if (eventTypes.length === 0) throw fail('Pick at least one status change under Watch');
	const unknown = eventTypes.filter((type) => !STATUS_EVENT_TYPES.includes(type));
	if (unknown.length > 0) throw fail(`Unknown status change under Watch: ${unknown.join(', ')}`);

	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const maxEvents = Number(options.maxEventsPerPoll ?? 1000);
	if (!Number.isInteger(maxEvents) || maxEvents < 1 || maxEvents > 10_000) {
		throw fail('Max Changes per Poll must be a whole number from 1 to 10000');
	}
	return {
		eventTypes: new Set(eventTypes),
		indexId: text(filters.indexId),
		maxEvents,
		startAfter: text(options.startAfterEventId),
		continueAfterExpired: options.onResumeExpired === 'continue',
	};
}
