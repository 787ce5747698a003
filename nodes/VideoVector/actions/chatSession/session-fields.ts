import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredText } from '../common/required-text';

/** What several chat-session operations share: the session they act on, and the title limit. */

export const sessionIdProperty: INodeProperties = {
	displayName: 'Session ID',
	name: 'sessionId',
	type: 'string',
	required: true,
	default: '',
	description: 'ID of the chat session, as returned by Create or Get Many',
};

export function readSessionId(context: IExecuteFunctions, itemIndex: number): string {
	return requiredText(context, itemIndex, 'sessionId', 'Session ID');
}

/** No limit is documented (docs/api/conventions.md#chat-sessions); this is the one the emulator enforces, checked before sending. */
export const TITLE_MAX_LENGTH = 200;
