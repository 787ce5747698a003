import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executeCappedList, readResultLimit, cappedReturnAll } from '../common/list';
import { defineOperation } from '../operation';
import type { ListCap } from '../../../../shared/n8n/list-extent';

/** `GET /prompt-runs` serves at most 200 runs and has no cursor (docs/api/conventions.md#prompt-runs). */
const MAX_RUNS = 200;
/** Return All cannot reach past it: the list has no cursor. */
const CAP: ListCap = { max: MAX_RUNS, noun: 'prompt runs' };

export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many prompt runs',
	description: 'List the most recent prompt runs of the account (up to 200), one item per run',
	endpoints: ['prompt_runs.list'],
	properties: [...cappedReturnAll(CAP)],
	async execute(itemIndex, session) {
		const limit = readResultLimit(this, itemIndex);
		const request = endpointRequest('prompt_runs.list', {
			query: { limit: Math.min(limit ?? MAX_RUNS, MAX_RUNS) },
		});
		return await executeCappedList(session, request, CAP);
	},
});
