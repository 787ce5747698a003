import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { deletedOutput } from '../common/deleted-output';
import { defineOperation } from '../operation';
import { readSessionId, sessionIdProperty } from './session-fields';

export const remove = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a chat session',
	description: 'Delete a chat session and its turns',
	endpoints: ['chat_sessions.delete'],
	properties: [sessionIdProperty],
	async execute(itemIndex, session) {
		const sessionId = readSessionId(this, itemIndex);
		await callEndpoint(session, 'chat_sessions.delete', { params: { session_id: sessionId } });
		return deletedOutput(sessionId);
	},
});
