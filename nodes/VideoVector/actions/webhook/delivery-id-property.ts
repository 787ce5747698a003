import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredText } from '../common/required-text';

export const deliveryIdProperty: INodeProperties = {
	displayName: 'Delivery ID',
	name: 'deliveryId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'dlv_…',
	description: 'ID of the delivery, as listed by Get Deliveries',
};

export function readDeliveryId(context: IExecuteFunctions, itemIndex: number): string {
	return requiredText(context, itemIndex, 'deliveryId', 'Delivery ID');
}
