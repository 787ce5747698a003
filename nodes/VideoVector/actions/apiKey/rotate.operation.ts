import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { defineBearerOperation } from './define-bearer-operation';
import { keyIdProperty, readKeyId } from './key-id-property';

export const rotate = defineBearerOperation({
	value: 'rotate',
	name: 'Rotate',
	action: 'Rotate an API key',
	description:
		'Create a new API key in place of an existing one and revoke the old one. The answer holds the new key, shown only this once. Needs a Bearer Token credential.',
	endpoints: ['api_keys.rotate'],
	properties: [keyIdProperty],
	async execute(itemIndex, session) {
		return await callEndpoint(session, 'api_keys.rotate', {
			params: { key_id: readKeyId(this, itemIndex) },
		});
	},
});
