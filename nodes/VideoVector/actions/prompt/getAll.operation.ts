import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executePlainList, returnAllOrLimit } from '../common/list';
import { defineOperation } from '../operation';

export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many prompts',
	description: 'List the prompts of the account, one item per prompt',
	endpoints: ['prompts.list'],
	properties: [
		...returnAllOrLimit(),
		{
			displayName: 'Active Only',
			name: 'activeOnly',
			type: 'boolean',
			default: true,
			description: 'Whether to leave out deactivated prompts',
		},
		{
			displayName: 'Include Default Prompts',
			name: 'includeDefaults',
			type: 'boolean',
			default: true,
			description: 'Whether to include the built-in default prompts',
		},
	],
	async execute(itemIndex, session) {
		const query = {
			active_only: this.getNodeParameter('activeOnly', itemIndex, true) as boolean,
			include_defaults: this.getNodeParameter('includeDefaults', itemIndex, true) as boolean,
		};
		const request = endpointRequest('prompts.list', { query });
		// An object list (§4.2): the prompts sit under `prompts`, next to the counts.
		return await executePlainList(session, request, (body) => {
			const prompts = (body as { prompts?: unknown } | undefined)?.prompts;
			return Array.isArray(prompts) ? prompts : [];
		});
	},
});
