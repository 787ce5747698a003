import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { locator, locatorValue, PROMPT } from '../common/locators';
import { defineOperation } from '../operation';

export const get = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a prompt',
	description: 'Retrieve one prompt with its prompt text, JSON Schema and settings',
	endpoints: ['prompts.get'],
	properties: [locator(PROMPT)],
	async execute(itemIndex, session) {
		const promptId = locatorValue(this, PROMPT, itemIndex);
		return await callEndpoint(session, 'prompts.get', { params: { prompt_id: promptId } });
	},
});
