import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { IMPORT_JOB, locator, locatorValue } from '../common/locators';

/** A picker (From List, or By ID) of the API's list. */
export const jobIdProperty: INodeProperties = locator(IMPORT_JOB);

export function readJobId(context: IExecuteFunctions, itemIndex: number): string {
	return locatorValue(context, IMPORT_JOB, itemIndex);
}
