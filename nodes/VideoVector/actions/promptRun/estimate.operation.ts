import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';
import { defineOperation } from '../operation';
import { executeFormProperties, readExecuteRequest } from './execute-form';
import { processingOptions } from './execution-settings';

export const estimate = defineOperation({
	value: 'estimate',
	name: 'Estimate',
	action: 'Estimate the cost of a prompt run',
	description:
		'Validate a prompt run and estimate its cost without starting it (same form as Execute). Returns the estimated cost, its breakdown, the current balance and whether it suffices.',
	endpoints: ['prompt_runs.estimate'],
	properties: [...executeFormProperties, optionsCollection(processingOptions)],
	async execute(itemIndex, session) {
		const body = readExecuteRequest(this, itemIndex);
		return await callEndpoint(session, 'prompt_runs.estimate', { body });
	},
});
