import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredText } from '../common/required-text';

export const keyIdProperty: INodeProperties = {
	displayName: 'API Key ID',
	name: 'keyId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'key_…',
	description: 'ID of the API key, as returned by Get Many — not the secret key itself',
};

export function readKeyId(context: IExecuteFunctions, itemIndex: number): string {
	return requiredText(context, itemIndex, 'keyId', 'API Key ID');
}
