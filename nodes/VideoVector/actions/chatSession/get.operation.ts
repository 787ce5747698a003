import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { defineOperation } from '../operation';
import { readSessionId, sessionIdProperty } from './session-fields';

export const get = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a chat session',
	description: 'Retrieve a chat session with all its turns (questions and answers)',
	endpoints: ['chat_sessions.get'],
	properties: [sessionIdProperty],
	async execute(itemIndex, session) {
		return await callEndpoint(session, 'chat_sessions.get', {
			params: { session_id: readSessionId(this, itemIndex) },
		});
	},
});
