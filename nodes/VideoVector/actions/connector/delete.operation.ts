import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { deletedOutput } from '../common/deleted-output';
import { CONNECTOR, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';

export const remove = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a connector',
	description:
		'Delete a connector. Media already imported through it are kept. Needs an admin key.',
	endpoints: ['connectors.delete'],
	properties: [locator(CONNECTOR)],
	async execute(itemIndex, session) {
		const connectorId = locatorValue(this, CONNECTOR, itemIndex);
		await callEndpoint(session, 'connectors.delete', { params: { connector_id: connectorId } });
		return deletedOutput(connectorId);
	},
});
