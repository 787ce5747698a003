import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executePlainList, returnAllOrLimit } from '../common/list';
import { defineOperation } from '../operation';

export const list = defineOperation({
	value: 'list',
	name: 'List',
	action: 'List webhooks',
	description: 'List the webhook subscriptions of the account with their status and failure counts (no secrets)',
	endpoints: ['webhooks.list'],
	properties: [...returnAllOrLimit()],
	async execute(itemIndex) {
		return await executePlainList.call(this, itemIndex, endpointRequest('webhooks.list', {}));
	},
});
