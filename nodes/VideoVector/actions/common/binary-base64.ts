import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The bytes of an input binary property as base64, for JSON endpoints that take images inline
 * (`image_data`). Works in every n8n binary mode (in memory or on disk).
 */
export async function readBinaryAsBase64(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<string> {
	const name = propertyName.trim();
	if (!name) throw new NodeOperationError(context.getNode(), 'Input Binary Field is required', { itemIndex });
	context.helpers.assertBinaryData(itemIndex, name);
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, name);
	if (bytes.length === 0) {
		throw new NodeOperationError(context.getNode(), `The binary field "${name}" is empty`, { itemIndex });
	}
	return bytes.toString('base64');
}
