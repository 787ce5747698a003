import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executePlainList, returnAllOrLimit } from '../common/list';
import { defineOperation } from '../operation';

export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many webhooks',
	description:
		'List the webhook subscriptions of the account with their status and failure counts (no secrets)',
	endpoints: ['webhooks.list'],
	properties: [...returnAllOrLimit()],
	async execute(_itemIndex, session) {
		return await executePlainList(session, endpointRequest('webhooks.list', {}));
	},
});
