import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { handleDelivery } from './handle-delivery';
import { VIDEOVECTOR_APP_DESCRIPTION } from '../shared/app-description';
import { checkExists, create, deleteSubscription } from './lifecycle';
import { loadOptions } from './load-options';
import { testReceiverSecret } from './receiver-credential-test';
import { triggerProperties } from './trigger-properties';

export class VideoVectorTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VideoVector Trigger',
		name: 'videoVectorTrigger',
		icon: {
			light: 'file:../../icons/videovector.svg',
			dark: 'file:../../icons/videovector.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["delivery"] === "receiver" ? "Via Receiver" : "Signed Webhook" }}',
		// n8n's node panel merges this trigger into the VideoVector entry and shows THIS description
		// there (useActionsGeneration: app.description = trigger.description), so it is the app's.
		description: VIDEOVECTOR_APP_DESCRIPTION,
		eventTriggerDescription: 'Waiting for a VideoVector event',
		activationMessage:
			'The workflow now starts once for every chosen VideoVector event; unpublish it to stop.',
		defaults: { name: 'VideoVector Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'n8nNodesVideoVectorApi',
				required: true,
				displayOptions: { show: { delivery: ['direct'] } },
			},
			{
				name: 'n8nNodesVideoVectorReceiverApi',
				required: true,
				testedBy: 'testReceiverSecret',
				displayOptions: { show: { delivery: ['receiver'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Without it n8n 2.41 answers the literal text "firstEntryJson" (its default for
				// this field) instead of the trigger's `webhookResponse`.
				responseData: '',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = { loadOptions, credentialTest: { testReceiverSecret } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
