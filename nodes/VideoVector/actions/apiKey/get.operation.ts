import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { defineBearerOperation } from './define-bearer-operation';
import { keyIdProperty, readKeyId } from './key-id-property';

export const get = defineBearerOperation({
	value: 'get',
	name: 'Get',
	action: 'Get an API key',
	description: 'Retrieve one API key (masked). Needs a Bearer Token credential.',
	endpoints: ['api_keys.get'],
	properties: [keyIdProperty],
	async execute(itemIndex, session) {
		return await callEndpoint(session, 'api_keys.get', {
			params: { key_id: readKeyId(this, itemIndex) },
		});
	},
});
