import type { IExecuteFunctions } from 'n8n-workflow';

import { emptyBinaryError, inputBinary } from './binary-source';

/**
 * The bytes of an input binary property as base64, for JSON endpoints that take images inline
 * (`image_data`). Works in every n8n binary mode (in memory or on disk).
 */
export async function readBinaryAsBase64(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<string> {
	const { name } = inputBinary(context, itemIndex, propertyName);
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, name);
	if (bytes.length === 0) throw emptyBinaryError(context, itemIndex, name);
	return bytes.toString('base64');
}
