import type { IDataObject } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { filtersCollection } from '../../../../shared/n8n/parameter-collections';
import { apiListLimit } from '../common/api-list-limit';
import { fileSelectionProperties, readFileSelection } from '../common/bucket-file-selection';
import { executeCappedList, cappedReturnAll } from '../common/list';
import { CONNECTOR, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';
import type { ListCap } from '../../../../shared/n8n/list-extent';

/** The most one browse answer lists (the node's bound; the API has no cursor); Limit is passed on so it does not list more than asked. */
const MAX_BROWSE_LIMIT = 1000;
/** Return All cannot reach past it: the list has no cursor. */
const CAP: ListCap = { max: MAX_BROWSE_LIMIT, noun: 'files' };

export const browse = defineOperation({
	value: 'browse',
	name: 'Browse',
	action: 'Browse files of a connector',
	description:
		'List the files in the connected bucket or container (path, size, type), e.g. to pick what to import',
	endpoints: ['connectors.browse'],
	properties: [
		locator(CONNECTOR),
		...cappedReturnAll(CAP),
		filtersCollection(fileSelectionProperties),
	],
	async execute(itemIndex, session) {
		const connectorId = locatorValue(this, CONNECTOR, itemIndex);
		// Return All asks for the cap itself, so a full answer means "there may be more" (hinted), never a silent default.
		const body: IDataObject = {
			...readFileSelection(this.getNodeParameter('filters', itemIndex, {}) as IDataObject),
			limit: apiListLimit(this, itemIndex, MAX_BROWSE_LIMIT),
		};
		const request = endpointRequest('connectors.browse', {
			params: { connector_id: connectorId },
			body,
		});
		return await executeCappedList(session, request, CAP);
	},
});
