import type { IDataObject } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { optionalText } from '../common/required-text';
import { defineOperation } from '../operation';
import { TITLE_MAX_LENGTH } from './session-fields';

export const create = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a chat session',
	description: 'Start a conversation with the search agent; send questions to it with Ask',
	endpoints: ['chat_sessions.create'],
	properties: [
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			description: 'Optional title of the conversation',
		},
		optionsWithIdempotencyKey(),
	],
	async execute(itemIndex, session) {
		const title = optionalText(
			this,
			itemIndex,
			this.getNodeParameter('title', itemIndex, ''),
			'Title',
			{
				maxLength: TITLE_MAX_LENGTH,
			},
		);
		// The API accepts an empty object (docs/api/conventions.md#chat-sessions).
		const body: IDataObject = title ? { title } : {};
		return await callEndpoint(session, 'chat_sessions.create', { body });
	},
});
