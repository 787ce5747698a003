import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { apiListLimit } from '../common/api-list-limit';
import { executeCappedList, cappedReturnAll } from '../common/list';
import { defineOperation } from '../operation';
import type { ListCap } from '../../../../shared/n8n/list-extent';

/** The API returns at most 100 exports and has no cursor (docs/api/conventions.md#exports, docs/api/conventions.md#export-list-limit). */
const MAX_EXPORTS = 100;
/** Return All cannot reach past it: the list has no cursor. */
const CAP: ListCap = { max: MAX_EXPORTS, noun: 'exports' };

export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many exports',
	description: 'List your exports, newest first (the API returns at most 100)',
	endpoints: ['exports.list'],
	properties: [...cappedReturnAll(CAP)],
	async execute(itemIndex, session) {
		const limit = apiListLimit(this, itemIndex, MAX_EXPORTS);
		return await executeCappedList(
			session,
			endpointRequest('exports.list', { query: { limit } }),
			CAP,
		);
	},
});
