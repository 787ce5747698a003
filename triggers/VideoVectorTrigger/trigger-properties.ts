import type { INodeProperties } from 'n8n-workflow';

import { MAKE_AN_EVENT, testModeNotice } from '../shared/test-mode-notice';
import { indexFilterProperty, triggerOnProperty } from '../shared/trigger-pickers';
import { DEFAULT_OVERLAP_MINUTES } from './trigger-parameters';

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Delivery',
		name: 'delivery',
		type: 'options',
		options: [
			{
				name: 'Register Webhook with VideoVector',
				value: 'direct',
				description:
					'Publishing the workflow subscribes this trigger at VideoVector and unpublishing removes the subscription; VideoVector calls n8n directly',
			},
			{
				name: 'Via Webhook Receiver',
				value: 'receiver',
				description:
					'Accept events forwarded and re-signed by your VideoVector webhook receiver; nothing is registered at VideoVector',
			},
		],
		default: 'direct',
	},
	{
		displayName:
			'VideoVector only delivers to a public https:// URL (set WEBHOOK_URL). The API key needs the read and write scopes, and admin to remove the subscription when the workflow is unpublished.',
		name: 'directNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { delivery: ['direct'] } },
	},
	testModeNotice(
		`While building, click "Listen for test event": VideoVector sends a test event at once. For a real event, ${MAKE_AN_EVENT}.`,
		{ show: { delivery: ['direct'] } },
	),
	testModeNotice(
		`While building, click "Listen for test event", then ${MAKE_AN_EVENT}; the webhook receiver forwards it here once its target points at this trigger's test URL.`,
		{ show: { delivery: ['receiver'] } },
		'receiverTestModeNotice',
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
				displayName: 'Fetch Full Object',
				name: 'fetchFullObject',
				type: 'boolean',
				default: false,
				description:
					'Whether to load the prompt run, export, import job or media item the event refers to and add it as "object" (one extra API call per event)',
				displayOptions: { show: { '/delivery': ['direct'] } },
			},
			{
				displayName: 'Keep Subscription While Unpublished',
				name: 'keepSubscriptionWhileUnpublished',
				type: 'boolean',
				default: false,
				description:
					'Whether unpublishing leaves the VideoVector subscription in place, so that events from while the workflow was off are re-sent when it is published again. Delete the subscription yourself (VideoVector node → Webhook → Delete) if you delete the workflow.',
				displayOptions: { show: { '/delivery': ['direct'] } },
			},
			{
				displayName: 'Previous Secret Overlap (Minutes)',
				name: 'previousSecretOverlapMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_OVERLAP_MINUTES,
				description:
					'When the stored signing secret changes, deliveries signed with the previous secret are still accepted for this many minutes',
				displayOptions: { show: { '/delivery': ['direct'] } },
			},
			{
				displayName: 'Re-Send Missed Deliveries',
				name: 'resendMissedDeliveries',
				type: 'boolean',
				default: true,
				description:
					"Whether to recover deliveries from VideoVector's delivery log: on publish, those that failed while n8n was not listening; after an n8n restart, those n8n answered without running this trigger while it was starting. Each still starts the workflow once.",
				displayOptions: { show: { '/delivery': ['direct'] } },
			},
			{
				displayName: 'Send Test Event When Listening',
				name: 'sendTestEvent',
				type: 'boolean',
				default: true,
				description:
					'Whether to ask VideoVector for a test event ("webhook.test") when you click "Listen for test event", so data appears at once',
				displayOptions: { show: { '/delivery': ['direct'] } },
			},
		],
	},
];
