import type { IDataObject } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import {
	filePatternProperty,
	readFileSelection,
	recursiveProperty,
} from '../common/bucket-file-selection';
import { executePlainList, returnAllOrLimit } from '../common/list';
import { CONNECTOR, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';

/** The API caps one browse answer; Limit is passed on so it does not list more than asked. */
const MAX_BROWSE_LIMIT = 1000;

export const browse = defineOperation({
	value: 'browse',
	name: 'Browse',
	action: 'Browse files of a connector',
	description:
		'List the files in the connected bucket or container (path, size, type), e.g. to pick what to import',
	endpoints: ['connectors.browse'],
	properties: [
		locator(CONNECTOR),
		{
			displayName: 'Prefix',
			name: 'prefix',
			type: 'string',
			default: '',
			placeholder: 'videos/2026/',
			description:
				'Only files whose path starts with this folder or prefix. Empty: the whole bucket.',
		},
		filePatternProperty,
		recursiveProperty,
		...returnAllOrLimit(MAX_BROWSE_LIMIT),
	],
	async execute(itemIndex, session) {
		const connectorId = locatorValue(this, CONNECTOR, itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const body: IDataObject = {
			...readFileSelection(this, itemIndex, { prefix: 'prefix', pattern: 'pattern' }),
		};
		if (!returnAll) body.limit = this.getNodeParameter('limit', itemIndex, 50) as number;
		const request = endpointRequest('connectors.browse', {
			params: { connector_id: connectorId },
			body,
		});
		return await executePlainList(session, request);
	},
});
