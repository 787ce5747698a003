import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { deletedOutput } from '../common/deleted-output';
import { defineBearerOperation } from './define-bearer-operation';
import { keyIdProperty, readKeyId } from './key-id-property';

export const remove = defineBearerOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete an API key',
	description:
		'Delete an API key for good; it stops working at once and is no longer listed. Needs a Bearer Token credential.',
	endpoints: ['api_keys.delete'],
	properties: [keyIdProperty],
	async execute(itemIndex, session) {
		const keyId = readKeyId(this, itemIndex);
		await callEndpoint(session, 'api_keys.delete', { params: { key_id: keyId } });
		return deletedOutput(keyId);
	},
});
