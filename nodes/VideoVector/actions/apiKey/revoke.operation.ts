import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { defineBearerOperation } from './define-bearer-operation';
import { keyIdProperty, readKeyId } from './key-id-property';

export const revoke = defineBearerOperation({
	value: 'revoke',
	name: 'Revoke',
	action: 'Revoke an API key',
	description:
		'Deactivate an API key; it stops working at once but stays listed as inactive. Needs a Bearer Token credential.',
	endpoints: ['api_keys.revoke'],
	properties: [keyIdProperty],
	async execute(itemIndex, session) {
		return await callEndpoint(session, 'api_keys.revoke', {
			params: { key_id: readKeyId(this, itemIndex) },
		});
	},
});
