import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { apiListLimit } from '../common/api-list-limit';
import { executeCappedList, cappedReturnAll } from '../common/list';
import { defineOperation } from '../operation';
import type { ListCap } from '../../../../shared/n8n/list-extent';

const MAX_LIMIT = 100;
/** Return All cannot reach past it: the list has no cursor. */
const CAP: ListCap = { max: MAX_LIMIT, noun: 'chat sessions' };

export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many chat sessions',
	description: 'List the chat sessions of the account',
	endpoints: ['chat_sessions.list'],
	properties: [...cappedReturnAll(CAP)],
	async execute(itemIndex, session) {
		const request = endpointRequest('chat_sessions.list', {
			query: { limit: apiListLimit(this, itemIndex, MAX_LIMIT) },
		});
		return await executeCappedList(session, request, CAP);
	},
});
