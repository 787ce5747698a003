import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { WEBHOOK_DELIVERY, locator, locatorValue } from '../common/locators';

/** A picker (From List, or By ID) of the API's list. */
export const deliveryIdProperty: INodeProperties = locator(WEBHOOK_DELIVERY);

export function readDeliveryId(context: IExecuteFunctions, itemIndex: number): string {
	return locatorValue(context, WEBHOOK_DELIVERY, itemIndex);
}
