import { NodeApiError } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { deletedOutput } from '../common/deleted-output';
import { locator, locatorValue, PROMPT } from '../common/locators';
import { defineOperation } from '../operation';

/** The one conflict a user can resolve from this node: say which switch resolves it. */
function withForceHint(error: unknown): unknown {
	if (error instanceof NodeApiError && error.httpCode === '409') {
		error.description = [
			error.description,
			'The prompt is in use: turn on Force to delete it anyway.',
		]
			.filter(Boolean)
			.join(' · ');
	}
	return error;
}

export const remove = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a prompt',
	description:
		'Delete a prompt. Fails with 409 while runs use it unless Force is on. Needs an admin key.',
	endpoints: ['prompts.delete'],
	properties: [
		locator(PROMPT),
		{
			displayName: 'Force',
			name: 'force',
			type: 'boolean',
			default: false,
			description: 'Whether to delete the prompt even while prompt runs use it',
		},
	],
	async execute(itemIndex, session) {
		const promptId = locatorValue(this, PROMPT, itemIndex);
		const force = this.getNodeParameter('force', itemIndex, false) as boolean;
		await callEndpoint(session, 'prompts.delete', {
			params: { prompt_id: promptId },
			query: force ? { force: true } : undefined,
		}).catch((error: unknown) => Promise.reject(force ? error : withForceHint(error)));
		return deletedOutput(promptId);
	},
});
