import type { IDataObject } from 'n8n-workflow';

import { filtersCollection } from '../../../../shared/n8n/parameter-collections';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { WEBHOOK_DELIVERY_STATUSES } from '../../../../shared/contract/schemas/statuses';
import { apiListLimit } from '../common/api-list-limit';
import { chosenOption } from '../common/collection-values';
import { executeCappedList, cappedReturnAll } from '../common/list';
import { locator, locatorValue, WEBHOOK } from '../common/locators';
import { defineOperation } from '../operation';
import type { ListCap } from '../../../../shared/n8n/list-extent';

/** `limit` of `GET /webhooks/{id}/deliveries` accepts 1–100 (docs/api/conventions.md#webhook-endpoints). */
const MAX_LIMIT = 100;
/** Return All cannot reach past it: the list has no cursor. */
const CAP: ListCap = { max: MAX_LIMIT, noun: 'deliveries' };

export const listDeliveries = defineOperation({
	value: 'getDeliveries',
	name: 'Get Deliveries',
	action: 'Get deliveries of a webhook',
	description: 'List the delivery attempts of a webhook with status, response code and error',
	endpoints: ['webhooks.listDeliveries'],
	properties: [
		locator(WEBHOOK),
		...cappedReturnAll(CAP),
		filtersCollection([
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [...WEBHOOK_DELIVERY_STATUSES].sort().map((status) => ({
					name: status.charAt(0).toUpperCase() + status.slice(1),
					value: status,
				})),
				default: 'failed',
				description: 'Only deliveries with this status',
			},
		]),
	],
	async execute(itemIndex, session) {
		const webhookId = locatorValue(this, WEBHOOK, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const query = {
			limit: apiListLimit(this, itemIndex, MAX_LIMIT),
			status: chosenOption(filters.status),
		};
		const request = endpointRequest('webhooks.listDeliveries', {
			params: { webhook_id: webhookId },
			query,
		});
		return await executeCappedList(session, request, CAP);
	},
});
