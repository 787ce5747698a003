import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { API_KEY, locator, locatorValue } from '../common/locators';

/** A picker (From List, or By ID) of the API's list. */
export const keyIdProperty: INodeProperties = locator(API_KEY);

export function readKeyId(context: IExecuteFunctions, itemIndex: number): string {
	return locatorValue(context, API_KEY, itemIndex);
}
