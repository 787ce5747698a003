import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkText } from '../../../../shared/n8n/text-check';

export const queryProperty: INodeProperties = {
	displayName: 'Query',
	name: 'query',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. a person laughing on a beach',
	description: 'What to look for, in natural language',
};

export function readQuery(context: IExecuteFunctions, itemIndex: number): string {
	return checkText(context, itemIndex, context.getNodeParameter('query', itemIndex, ''), 'Query', {
		min: 1,
	});
}
