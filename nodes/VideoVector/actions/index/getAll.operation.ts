import { endpointRequest } from '../../../../shared/contract/endpoint-request';
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
		{
			displayName: 'Include Demo Indexes',
			name: 'includeDefaults',
			type: 'boolean',
			default: true,
			description: 'Whether to include the shared demo indexes',
		},
	],
	async execute(itemIndex, session) {
		const includeDefaults = this.getNodeParameter('includeDefaults', itemIndex, true) as boolean;
		const request = endpointRequest('indexes.list', {
			query: { include_defaults: includeDefaults },
		});
		return await executePlainList(session, request);
	},
});
