import type { IDataObject } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { readBoundedSse } from '../../../../shared/n8n/sse-read';
import type { SseEvent } from '../../../../shared/sse/parser';
import { requiredText } from '../common/required-text';
import { lastEventIdProperty, maxWaitProperty, readStreamBounds } from '../common/sse-parameters';
import { defineOperation } from '../operation';
import { readSessionId, sessionIdProperty } from './session-fields';

/** A turn's stream is over after one of these (docs/api/conventions.md#chat-sessions). */
const FINAL_TURN_EVENTS = new Set(['turn.completed', 'turn.failed']);

const MAX_WAIT_DEFAULT = 120;

export const getTurnEvents = defineOperation({
	value: 'getTurnEvents',
	name: 'Get Turn Events',
	action: 'Get the events of a chat turn',
	description:
		'Read the event stream of one turn (started, text deltas, tool calls, completed or failed) until the turn ends or the time limit passes, one item per event',
	endpoints: ['chat_sessions.streamTurnEvents'],
	properties: [
		sessionIdProperty,
		{
			displayName: 'Turn ID',
			name: 'turnId',
			type: 'string',
			required: true,
			default: '',
			description: 'ID of the turn, as returned by Ask',
		},
		maxWaitProperty(MAX_WAIT_DEFAULT, 'Stop after this many seconds if the turn has not ended'),
		lastEventIdProperty,
	],
	async execute(itemIndex, session) {
		const sessionId = readSessionId(this, itemIndex);
		const turnId = requiredText(this, itemIndex, 'turnId', 'Turn ID');
		const bounds = readStreamBounds(this, itemIndex, MAX_WAIT_DEFAULT);
		const request = endpointRequest('chat_sessions.streamTurnEvents', {
			params: { session_id: sessionId, turn_id: turnId },
		});
		const result = await readBoundedSse(session, request, {
			...bounds,
			stopAfter: (event) => FINAL_TURN_EVENTS.has(event.event ?? ''),
		});
		return result.events.map(toItem);
	},
});

/** `{event_id, event_type, data}`; `data` parsed when it is JSON (it is, per the contract). */
function toItem(event: SseEvent): IDataObject {
	let data: unknown = event.data;
	try {
		data = JSON.parse(event.data) as unknown;
	} catch {
		// Kept as text: the item still shows what the server sent.
	}
	return {
		event_id: event.id ?? null,
		event_type: event.event ?? 'message',
		data: data as IDataObject,
	};
}
