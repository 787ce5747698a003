import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { WEBHOOK_EVENT_NAMES } from '../../shared/contract/schemas/webhook-event';
import { eventTypeOptions, sortedEventNames } from '../../shared/n8n/webhook-event-options';
import { ALL_EVENTS } from '../VideoVectorTrigger/event-selection';

/** Events only the processing event feed carries (docs/api/conventions.md#processing-event-stream), not webhooks. */
export const FEED_ONLY_EVENTS: readonly string[] = ['segment.completed', 'segment.failed'];

/**
 * One list for every trigger: n8n's community-node rules want a loaded multi-select labelled
 * "… Names or IDs", so "Trigger On" lists the contract's names. "All Events" still means every name
 * the API offers when the trigger starts (the webhook trigger asks `GET /webhooks/events` then).
 */
function triggerEventOptions(): INodePropertyOptions[] {
	return [
		{
			name: 'All Events',
			value: ALL_EVENTS,
			description: 'Every event type VideoVector offers, including ones added later',
		},
		...eventTypeOptions(sortedEventNames([...WEBHOOK_EVENT_NAMES, ...FEED_ONLY_EVENTS])).map(
			(option) =>
				FEED_ONLY_EVENTS.includes(String(option.value))
					? { ...option, description: `${option.description} (Event Stream and Poll Triggers)` }
					: option,
		),
	];
}

/**
 * The event and index pickers every VideoVector trigger shows, with the same label, options and
 * meaning: pick event types, or "All Events"; pick indexes, or none for all.
 */
export const triggerOnProperty: INodeProperties = {
	displayName: 'Trigger On',
	name: 'events',
	type: 'multiOptions',
	options: triggerEventOptions(),
	default: [],
	required: true,
	description: 'The events that start the workflow',
	hint: '"All Events" also covers event types VideoVector adds later',
};

export const indexFilterProperty: INodeProperties = {
	displayName: 'Index Names or IDs',
	name: 'indexIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getIndexes' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: 'Only events of these indexes; leave empty for all. Events that belong to no index always arrive.',
};
