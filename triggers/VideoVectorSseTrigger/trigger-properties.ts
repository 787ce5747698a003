import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';

import { WEBHOOK_EVENT_NAMES } from '../../shared/contract/schemas/webhook-event';
import { filtersCollection } from '../../shared/n8n/parameter-collections';

/** Per docs/api/conventions.md#processing-event-stream, the stream carries the webhook event names plus per-segment events. */
const STREAM_EVENT_TYPES = [...WEBHOOK_EVENT_NAMES, 'segment.completed', 'segment.failed'];

function titleOf(eventType: string): string {
	return eventType
		.split(/[._]/)
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

const eventTypeOptions: INodePropertyOptions[] = STREAM_EVENT_TYPES.map((value) => ({
	name: titleOf(value),
	value,
	description: value,
})).sort((a, b) => a.name.localeCompare(b.name));

export const sseTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'One Execution per Batch',
				value: 'batch',
				description:
					'Start the workflow once per group of events that arrive together, one item per event',
			},
			{
				name: 'One Execution per Event',
				value: 'eachEvent',
				description: 'Start the workflow once for every event, with that event as its only item',
			},
		],
		default: 'eachEvent',
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: 50,
		displayOptions: { show: { output: ['batch'] } },
		description: 'Most events in one execution (also the most the server sends at once)',
	},
	filtersCollection(
		[
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				options: eventTypeOptions,
				default: [],
				description: 'Only these event types. None selected: all types.',
			},
			{
				displayName: 'Index ID',
				name: 'indexId',
				type: 'string',
				default: '',
				description: 'Only events of this index',
			},
			{
				displayName: 'Media IDs',
				name: 'videoIds',
				type: 'string',
				default: '',
				placeholder: 'vid_1, vid_2',
				description: 'Only events of these media items (comma-separated)',
			},
			{
				displayName: 'Prompt Run ID',
				name: 'runId',
				type: 'string',
				default: '',
				description: 'Only events of this prompt run',
			},
		],
		{
			description:
				'Only events that match every filter start the workflow (the server applies them)',
		},
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Heartbeat Timeout (Seconds)',
				name: 'heartbeatTimeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 1 },
				default: 45,
				description:
					'Reconnect when nothing at all (not even a heartbeat) arrived for this long. The server sends a heartbeat about every 15 seconds. 0: never.',
			},
			{
				displayName: 'If Resume Position Expired',
				name: 'onResumeExpired',
				type: 'options',
				options: [
					{
						name: 'Report and Continue With New Events',
						value: 'continue',
						description:
							'Save a failed execution naming the gap (runs the error workflow), then follow new events',
					},
					{
						name: 'Stop With an Error',
						value: 'stop',
						description: 'Deactivate the trigger with an error until this option is changed',
					},
				],
				default: 'stop',
				description:
					'What to do when the server no longer holds the events after the stored position (e.g. after a long pause). Events in the gap were missed either way.',
			},
			{
				displayName: 'Max Reconnect Delay (Seconds)',
				name: 'maxReconnectDelaySeconds',
				type: 'number',
				typeOptions: { minValue: 0.1, numberPrecision: 1 },
				default: 60,
				description:
					'Longest wait between reconnect attempts; waits double from the server’s retry hint up to this',
			},
			{
				displayName: 'Start After Event ID',
				name: 'startAfterEventId',
				type: 'string',
				default: '',
				description:
					'On the first activation only, replay the events after this event_id before following new ones. Later activations resume where the trigger stopped. Empty: start with new events.',
			},
		],
	},
];
