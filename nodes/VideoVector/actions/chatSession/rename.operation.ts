import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { requiredText } from '../common/required-text';
import { defineOperation } from '../operation';
import { readSessionId, sessionIdProperty, TITLE_MAX_LENGTH } from './session-fields';

export const rename = defineOperation({
	value: 'rename',
	name: 'Rename',
	action: 'Rename a chat session',
	description: 'Change the title of a chat session',
	endpoints: ['chat_sessions.update'],
	properties: [
		sessionIdProperty,
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			required: true,
			default: '',
			description: 'New title of the conversation',
		},
	],
	async execute(itemIndex, session) {
		const sessionId = readSessionId(this, itemIndex);
		const title = requiredText(this, itemIndex, 'title', 'Title', { maxLength: TITLE_MAX_LENGTH });
		return await callEndpoint(session, 'chat_sessions.update', {
			params: { session_id: sessionId },
			body: { title },
		});
	},
});
