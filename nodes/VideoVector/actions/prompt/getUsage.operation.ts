import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { locator, locatorValue, PROMPT } from '../common/locators';
import { defineOperation } from '../operation';

export const getUsage = defineOperation({
	value: 'getUsage',
	name: 'Get Usage',
	action: 'Get the usage of a prompt',
	description:
		'Whether a prompt is active and in use by runs, and how many schema properties it has',
	endpoints: ['prompts.getUsage'],
	properties: [locator(PROMPT)],
	async execute(itemIndex, session) {
		const promptId = locatorValue(this, PROMPT, itemIndex);
		return await callEndpoint(session, 'prompts.getUsage', { params: { prompt_id: promptId } });
	},
});
