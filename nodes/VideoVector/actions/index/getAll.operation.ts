import type { IDataObject } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';
import { executePlainList, returnAllOrLimit } from '../common/list';
import { defineOperation } from '../operation';

export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many indexes',
	description: 'List the indexes of the account, optionally with the shared demo indexes',
	endpoints: ['indexes.list'],
	properties: [
		...returnAllOrLimit(),
		optionsCollection([
			{
				displayName: 'Include Demo Indexes',
				name: 'includeDefaults',
				type: 'boolean',
				default: false,
				description: 'Whether to include the shared demo indexes next to your own',
			},
		]),
	],
	async execute(itemIndex, session) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		// The API lists demo indexes unless told not to; a user sees them only when asking for them.
		const request = endpointRequest('indexes.list', {
			query: { include_defaults: options.includeDefaults === true },
		});
		return await executePlainList(session, request);
	},
});
