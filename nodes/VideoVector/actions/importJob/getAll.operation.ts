import type { IDataObject } from 'n8n-workflow';

import { filtersCollection } from '../../../../shared/n8n/parameter-collections';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { IMPORT_JOB_STATUSES } from '../../../../shared/contract/schemas/statuses';
import { apiListLimit } from '../common/api-list-limit';
import { chosenOption, trimmedText } from '../common/collection-values';
import { executeCappedList, cappedReturnAll } from '../common/list';
import { defineOperation } from '../operation';
import type { ListCap } from '../../../../shared/n8n/list-extent';

/** `limit` of `GET /import-jobs` accepts 1–200 (docs/api/conventions.md#import-jobs). */
const MAX_LIMIT = 200;
/** Return All cannot reach past it: the list has no cursor. */
const CAP: ListCap = { max: MAX_LIMIT, noun: 'import jobs' };

const statusOptions = [...IMPORT_JOB_STATUSES]
	.sort()
	.map((status) => ({ name: status.charAt(0).toUpperCase() + status.slice(1), value: status }));

export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many import jobs',
	description: 'List import jobs, optionally only those of one index or with one status',
	endpoints: ['import_jobs.list'],
	properties: [
		...cappedReturnAll(CAP),
		filtersCollection([
			{
				displayName: 'Automation Only',
				name: 'automationOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to list only jobs started by automations (e.g. new-file watches), not by hand',
			},
			{
				displayName: 'Index ID',
				name: 'indexId',
				type: 'string',
				default: '',
				placeholder: 'e.g. idx_abc123',
				description: 'Only jobs importing into this index',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: statusOptions,
				default: 'pending',
				description: 'Only jobs with this status',
			},
		]),
	],
	async execute(itemIndex, session) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const query = {
			limit: apiListLimit(this, itemIndex, MAX_LIMIT),
			status: chosenOption(filters.status),
			index_id: trimmedText(filters.indexId),
			automation_only:
				typeof filters.automationOnly === 'boolean' ? filters.automationOnly : undefined,
		};
		return await executeCappedList(session, endpointRequest('import_jobs.list', { query }), CAP);
	},
});
