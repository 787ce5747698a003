import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { defineOperation } from '../operation';
import {
	checkWebhookEvents,
	checkWebhookName,
	checkWebhookUrl,
	webhookEventsProperty,
	webhookIndexIds,
	webhookIndexIdsProperty,
	webhookMetadata,
	webhookMetadataProperty,
	webhookUrlProperty,
} from './webhook-fields';

export const create = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a webhook',
	description:
		'Subscribe a URL to VideoVector events. The answer holds the signing secret, shown only this once: store it to verify deliveries.',
	endpoints: ['webhooks.create'],
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			description: 'Name of the subscription (1–100 characters)',
		},
		webhookUrlProperty({ required: true }),
		webhookEventsProperty({ required: true }),
		optionsWithIdempotencyKey([
			webhookIndexIdsProperty('Only deliver events of these indexes; empty: every index'),
			webhookMetadataProperty,
		]),
	],
	async execute(itemIndex, session) {
		const name = checkWebhookName(this, itemIndex, this.getNodeParameter('name', itemIndex, ''));
		if (!name) throw new NodeOperationError(this.getNode(), 'Name is required', { itemIndex });
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const body: IDataObject = {
			name,
			url: checkWebhookUrl(this, itemIndex, this.getNodeParameter('url', itemIndex, '')),
			events: checkWebhookEvents(this, itemIndex, this.getNodeParameter('events', itemIndex, [])),
			index_ids: webhookIndexIds(options.indexIds),
		};
		const metadata = webhookMetadata(this, itemIndex, options.metadata);
		if (metadata) body.metadata = metadata;
		return await callEndpoint(session, 'webhooks.create', { body });
	},
});
