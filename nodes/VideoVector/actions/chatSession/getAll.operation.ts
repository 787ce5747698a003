import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { apiListLimit } from '../common/api-list-limit';
import { executePlainList, returnAllOrLimit } from '../common/list';
import { defineOperation } from '../operation';

const MAX_LIMIT = 100;

export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many chat sessions',
	description: 'List the chat sessions of the account',
	endpoints: ['chat_sessions.list'],
	properties: [...returnAllOrLimit(MAX_LIMIT)],
	async execute(itemIndex, session) {
		const request = endpointRequest('chat_sessions.list', {
			query: { limit: apiListLimit(this, itemIndex, MAX_LIMIT) },
		});
		return await executePlainList(session, request);
	},
});
