import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { parseIdList } from '../../../../shared/n8n/id-list';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { requiredText } from '../common/required-text';
import { defineOperation } from '../operation';
import { readSessionId, sessionIdProperty } from './session-fields';
import { idMultiSelect } from '../common/id-multi-select';

export const ask = defineOperation({
	value: 'ask',
	name: 'Ask',
	action: 'Ask the search agent in a chat session',
	description:
		'Send a question to the search agent and wait for its answer (one turn). Optionally limit the search to some indexes or prompt runs.',
	endpoints: ['chat_sessions.createTurn'],
	properties: [
		sessionIdProperty,
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			typeOptions: { rows: 3 },
			required: true,
			default: '',
			description: 'The question or instruction, e.g. "Which clips show a red car at night?"',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'collection',
			placeholder: 'Add Scope',
			default: {},
			description: 'Limit what the agent searches; empty: everything the key can read',
			options: [
				idMultiSelect({
					name: 'indexIds',
					noun: 'Index',
					method: 'getIndexChoices',
					description: 'Only search these indexes',
				}),
				idMultiSelect({
					name: 'promptRunIds',
					noun: 'Prompt Run',
					method: 'getPromptRunChoices',
					description:
						"Only search the results of these prompt runs (listed: the account's recent runs)",
				}),
			],
		},
		optionsWithIdempotencyKey(),
	],
	async execute(itemIndex, session) {
		const sessionId = readSessionId(this, itemIndex);
		const message = requiredText(this, itemIndex, 'message', 'Message');
		const scopeFields = this.getNodeParameter('scope', itemIndex, {}) as IDataObject;
		const scope: IDataObject = {};
		const indexIds = parseIdList(scopeFields.indexIds);
		const promptRunIds = parseIdList(scopeFields.promptRunIds);
		if (indexIds.length > 0) scope.index_ids = indexIds;
		if (promptRunIds.length > 0) scope.prompt_run_ids = promptRunIds;
		const body: IDataObject = { message, ...(Object.keys(scope).length > 0 ? { scope } : {}) };

		const answer = await callEndpoint(session, 'chat_sessions.createTurn', {
			params: { session_id: sessionId },
			body,
		});
		const turn = (answer.turn ?? answer) as IDataObject;
		if (String(turn.status ?? '').toLowerCase() === 'failed') {
			const error = turn.error as IDataObject | null | undefined;
			throw new NodeOperationError(
				this.getNode(),
				`The search agent could not answer: ${String(error?.message ?? 'no reason given')}`,
				{
					itemIndex,
					description: `Turn ${String(turn.turn_id ?? '')} of session ${sessionId} failed.`,
				},
			);
		}
		return turn;
	},
});
