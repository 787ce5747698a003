import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executePlainList, returnAllOrLimit } from '../common/list';
import { defineBearerOperation } from './define-bearer-operation';

export const getAll = defineBearerOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many API keys',
	description:
		'List the API keys of the account (masked: prefix, scopes, expiry, last use). Needs a Bearer Token credential.',
	endpoints: ['api_keys.list'],
	properties: [...returnAllOrLimit()],
	async execute(_itemIndex, session) {
		return await executePlainList(session, endpointRequest('api_keys.list', {}));
	},
});
