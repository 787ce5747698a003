import type { INodeProperties } from 'n8n-workflow';

import { MAKE_AN_EVENT, testModeNotice } from '../shared/test-mode-notice';
import { indexFilterProperty, triggerOnProperty } from '../shared/trigger-pickers';

export const pollTriggerProperties: INodeProperties[] = [
	testModeNotice(
		`While building, click "Fetch Test Event": it shows the newest matching prompt run, import job, export or media item of your account (or clearly marked sample data). Published, the trigger checks on the schedule below; to make a change happen, ${MAKE_AN_EVENT}.`,
	),
	triggerOnProperty,
	indexFilterProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'If Resume Position Expired',
				name: 'onResumeExpired',
				type: 'options',
				options: [
					{
						name: 'Report Once and Continue With New Changes',
						value: 'continue',
						description:
							'Fail one poll with an error naming the gap (runs the error workflow), then watch new changes',
					},
					{
						name: 'Keep Failing Until Reset',
						value: 'stop',
						description:
							'Fail every poll until the workflow is re-created or this option is changed',
					},
				],
				default: 'stop',
				description:
					'What to do when the server no longer holds the changes after the stored position (n8n was off for more than a day and 10,000 events). Changes in the gap were missed either way.',
			},
			{
				displayName: 'Max Changes per Poll',
				name: 'maxEventsPerPoll',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10000 },
				default: 1000,
				description: 'Most events read in one poll; the rest are read by the next poll, in order',
			},
			{
				displayName: 'Start After Event ID',
				name: 'startAfterEventId',
				type: 'string',
				default: '',
				description:
					'First activation only: emit the changes after this event_id (from the Event Stream Trigger, Processing Event → Read Events, or a previous workflow) instead of starting from now',
			},
		],
	},
];
