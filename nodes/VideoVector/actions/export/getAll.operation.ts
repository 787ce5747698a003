import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { apiListLimit } from '../common/api-list-limit';
import { executePlainList, returnAllOrLimit } from '../common/list';
import { defineOperation } from '../operation';

/** The API returns at most 100 exports and has no cursor (contract §15, §22 #19). */
const MAX_EXPORTS = 100;

export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many exports',
	description: 'List your exports, newest first (the API returns at most 100)',
	endpoints: ['exports.list'],
	properties: [...returnAllOrLimit(MAX_EXPORTS)],
	async execute(itemIndex, session) {
		const limit = apiListLimit(this, itemIndex, MAX_EXPORTS);
		return await executePlainList(session, endpointRequest('exports.list', { query: { limit } }));
	},
});
