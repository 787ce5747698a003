import type { IDataObject } from 'n8n-workflow';

import { filtersCollection } from '../../../../shared/n8n/parameter-collections';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { chosenOption, trimmedText } from '../common/collection-values';
import { executePlainList, returnAllOrLimit } from '../common/list';
import { defineOperation } from '../operation';
import { MARKER_TARGET_TYPES } from './marker-target';

export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many markers',
	description:
		'List your markers (colour and note flags on prompts, prompt runs and extracted fields)',
	endpoints: ['markers.list'],
	properties: [
		...returnAllOrLimit(),
		filtersCollection([
			{
				displayName: 'Target ID',
				name: 'targetId',
				type: 'string',
				default: '',
				description: 'Only markers on this prompt, prompt run or field owner',
			},
			{
				displayName: 'Target Type',
				name: 'targetType',
				type: 'options',
				options: MARKER_TARGET_TYPES,
				default: 'prompt_run',
				description: 'Only markers on this kind of target',
			},
		]),
	],
	async execute(itemIndex, session) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const query = {
			target_type: chosenOption(filters.targetType),
			target_id: trimmedText(filters.targetId),
		};
		return await executePlainList(session, endpointRequest('markers.list', { query }));
	},
});
