import type { IDataObject } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { filtersCollection } from '../../../../shared/n8n/parameter-collections';
import { fileSelectionProperties, readFileSelection } from '../common/bucket-file-selection';
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
		...returnAllOrLimit(MAX_BROWSE_LIMIT),
		filtersCollection(fileSelectionProperties),
	],
	async execute(itemIndex, session) {
		const connectorId = locatorValue(this, CONNECTOR, itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const body: IDataObject = {
			...readFileSelection(this.getNodeParameter('filters', itemIndex, {}) as IDataObject),
		};
		if (!returnAll) body.limit = this.getNodeParameter('limit', itemIndex, 50) as number;
		const request = endpointRequest('connectors.browse', {
			params: { connector_id: connectorId },
			body,
		});
		return await executePlainList(session, request);
	},
});
