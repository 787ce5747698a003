import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { endpointRequest } from '../../shared/contract/endpoint-request';
import { WEBHOOK_EVENT_NAMES } from '../../shared/contract/schemas/webhook-event';
import { lookupIndexes } from '../../shared/n8n/resource-lookup';
import { eventTypeOptions, sortedEventNames } from '../../shared/n8n/webhook-event-options';
import { ALL_EVENTS } from './event-selection';
import { sendOnce } from './single-attempt';

/** The editor waits on this list; the contract's list is a better answer than a long spinner. */
const EVENT_LIST_TIMEOUT_MS = 5_000;

/**
 * Event picker: the live list from `GET /webhooks/events` (new names appear without a release),
 * or the contract's 17 names when it cannot be loaded — e.g. in receiver mode without an API
 * credential. "All Events" comes first.
 */
async function getEventTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const live = await sendOnce(
		this,
		endpointRequest('webhooks.listEventTypes', {}),
		EVENT_LIST_TIMEOUT_MS,
	).then(
		(response) => sortedEventNames(response.body),
		() => [],
	);
	return [
		{
			name: 'All Events',
			value: ALL_EVENTS,
			description: 'Every event type VideoVector offers, including ones added later',
		},
		...eventTypeOptions(live.length > 0 ? live : sortedEventNames(WEBHOOK_EVENT_NAMES)),
	];
}

/** Index picker for the optional index filter: the same lookup as the action node's index locator. */
async function getIndexes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await lookupIndexes(this);
}

export const loadOptions = { getEventTypes, getIndexes };
