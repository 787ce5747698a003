import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection } from '../../shared/n8n/parameter-collections';
import { MAKE_AN_EVENT, testModeNotice } from '../shared/test-mode-notice';
import { indexFilterProperty, triggerOnProperty } from '../shared/trigger-pickers';

export const sseTriggerProperties: INodeProperties[] = [
	testModeNotice(
		`While building, click "Listen for test event", then ${MAKE_AN_EVENT}. The next matching event appears here.`,
	),
	triggerOnProperty,
	indexFilterProperty,
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
				displayName: 'Media IDs',
				name: 'videoIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. vid_1, vid_2',
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
