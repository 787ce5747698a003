import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { defineOperation } from '../operation';
import { deliveryIdProperty, readDeliveryId } from './delivery-id-property';

export const retryDelivery = defineOperation({
	value: 'retryDelivery',
	name: 'Retry Delivery',
	action: 'Retry a webhook delivery',
	description:
		'Send a failed delivery again, with the same event ID so receivers can de-duplicate it',
	endpoints: ['webhooks.retryDelivery'],
	properties: [deliveryIdProperty],
	async execute(itemIndex, session) {
		const deliveryId = readDeliveryId(this, itemIndex);
		return await callEndpoint(session, 'webhooks.retryDelivery', {
			params: { delivery_id: deliveryId },
		});
	},
});
