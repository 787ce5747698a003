import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executePlainList, readResultLimit, returnAllOrLimit } from '../common/list';
import { defineOperation } from '../operation';

/** `GET /prompt-runs` serves at most 200 runs and has no cursor (docs/api/conventions.md#prompt-runs). */
const MAX_RUNS = 200;

export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many prompt runs',
	description: 'List the most recent prompt runs of the account (up to 200), one item per run',
	endpoints: ['prompt_runs.list'],
	properties: [...returnAllOrLimit(MAX_RUNS)],
	async execute(itemIndex, session) {
		const limit = readResultLimit(this, itemIndex);
		const request = endpointRequest('prompt_runs.list', {
			query: { limit: Math.min(limit ?? MAX_RUNS, MAX_RUNS) },
		});
		return await executePlainList(session, request);
	},
});
