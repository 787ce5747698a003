import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { checkText } from '../../../../shared/n8n/text-check';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { defineOperation } from '../operation';

export const generate = defineOperation({
	value: 'generate',
	name: 'Generate From Instruction',
	action: 'Generate a prompt from an instruction',
	description:
		'Let VideoVector write a prompt (name, prompt text, JSON Schema) from a plain-language instruction, optionally saving it. Returns the prompt ID, whether it was saved, and the prompt and its definition.',
	endpoints: ['workflow.define'],
	properties: [
		{
			displayName: 'Instruction',
			name: 'instruction',
			type: 'string',
			typeOptions: { rows: 4 },
			required: true,
			default: '',
			placeholder: 'e.g. Find scenes with people, their emotions and the location',
			description: 'What should be extracted from the media, in plain language',
		},
		{
			displayName: 'Save Prompt',
			name: 'save',
			type: 'boolean',
			default: true,
			description:
				'Whether to save the generated prompt to the account (otherwise only return the definition)',
		},
		optionsWithIdempotencyKey(),
	],
	async execute(itemIndex, session) {
		const body = {
			instruction: checkText(
				this,
				itemIndex,
				this.getNodeParameter('instruction', itemIndex, ''),
				'Instruction',
				{ min: 1 },
			),
			save: this.getNodeParameter('save', itemIndex, true) as boolean,
		};
		return await callEndpoint(session, 'workflow.define', { body });
	},
});
