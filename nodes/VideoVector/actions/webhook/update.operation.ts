import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { WEBHOOK_STATUSES } from '../../../../shared/contract/schemas/statuses';
import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { parseJsonObject } from '../common/json-parameter';
import { locator, locatorValue, WEBHOOK } from '../common/locators';
import { defineOperation } from '../operation';
import {
	checkWebhookEvents,
	checkWebhookName,
	checkWebhookUrl,
	webhookEventsProperty,
	webhookIndexIds,
	webhookIndexIdsProperty,
	webhookMetadataProperty,
	webhookUrlProperty,
} from './webhook-fields';

/** Clients may pause and resume; `disabled` is set by the server only (docs/api/conventions.md#webhook-endpoints). */
const SETTABLE_STATUSES = WEBHOOK_STATUSES.filter((status) => status !== 'disabled');

export const update = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update a webhook',
	description:
		'Change the name, URL, events, indexes, status (pause or resume) or metadata of a webhook',
	endpoints: ['webhooks.update'],
	properties: [
		locator(WEBHOOK),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				webhookEventsProperty(),
				webhookIndexIdsProperty(
					'Only deliver events of these indexes; leave empty to deliver for every index',
				),
				webhookMetadataProperty,
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'New name (1–100 characters)',
				},
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: SETTABLE_STATUSES.map((status) => ({
						name: status === 'active' ? 'Active' : 'Paused',
						value: status,
						description:
							status === 'active' ? 'Deliver events' : 'Keep the subscription but stop delivering',
					})),
					default: 'active',
					description: 'Pause or resume deliveries',
				},
				webhookUrlProperty(),
			],
		},
		optionsWithIdempotencyKey(),
	],
	async execute(itemIndex, session) {
		const webhookId = locatorValue(this, WEBHOOK, itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = {};
		if ('name' in fields) {
			const name = checkWebhookName(this, itemIndex, fields.name);
			if (!name)
				throw new NodeOperationError(this.getNode(), 'Name cannot be empty', { itemIndex });
			body.name = name;
		}
		if ('url' in fields) body.url = checkWebhookUrl(this, itemIndex, fields.url);
		if ('events' in fields) body.events = checkWebhookEvents(this, itemIndex, fields.events);
		if ('indexIds' in fields) body.index_ids = webhookIndexIds(fields.indexIds);
		if ('status' in fields) body.status = fields.status;
		if ('metadata' in fields)
			body.metadata = parseJsonObject(this, itemIndex, fields.metadata, 'Metadata') ?? {};
		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), 'Add at least one field to update', {
				itemIndex,
				description:
					'Use "Add Field" to choose what to change (name, URL, events, indexes, status or metadata).',
			});
		}
		return await callEndpoint(session, 'webhooks.update', {
			params: { webhook_id: webhookId },
			body,
		});
	},
});
