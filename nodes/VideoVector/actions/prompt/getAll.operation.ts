import type { IDataObject } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';
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
		optionsCollection([
			{
				displayName: 'Include Built-In Prompts',
				name: 'includeDefaults',
				type: 'boolean',
				default: true,
				description: 'Whether to include the built-in default prompts next to your own',
			},
			{
				displayName: 'Include Inactive Prompts',
				name: 'includeInactive',
				type: 'boolean',
				default: true,
				description: 'Whether to include deactivated prompts',
			},
		]),
	],
	async execute(itemIndex, session) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		// Unset options keep the API's defaults: built-in prompts listed, inactive ones not.
		const query = {
			active_only: options.includeInactive !== true,
			include_defaults: options.includeDefaults !== false,
		};
		const request = endpointRequest('prompts.list', { query });
		// An object list (docs/api/conventions.md#other-paging-shapes): the prompts sit under `prompts`, next to the counts.
		return await executePlainList(session, request, (body) => {
			const prompts = (body as { prompts?: unknown } | undefined)?.prompts;
			return Array.isArray(prompts) ? prompts : [];
		});
	},
});
