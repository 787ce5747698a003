import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { defineOperation } from '../operation';
import { deliveryIdProperty, readDeliveryId } from './delivery-id-property';

export const getDelivery = defineOperation({
	value: 'getDelivery',
	name: 'Get Delivery',
	action: 'Get a webhook delivery',
	description:
		'Retrieve one delivery with its event payload, attempts and the receiver’s last answer',
	endpoints: ['webhooks.getDelivery'],
	properties: [deliveryIdProperty],
	async execute(itemIndex, session) {
		const deliveryId = readDeliveryId(this, itemIndex);
		return await callEndpoint(session, 'webhooks.getDelivery', {
			params: { delivery_id: deliveryId },
		});
	},
});
