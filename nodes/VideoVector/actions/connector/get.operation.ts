import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { CONNECTOR, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';

export const get = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a connector',
	description: 'Retrieve one connector with its status and last test result',
	endpoints: ['connectors.get'],
	properties: [locator(CONNECTOR)],
	async execute(itemIndex, session) {
		const connectorId = locatorValue(this, CONNECTOR, itemIndex);
		return await callEndpoint(session, 'connectors.get', { params: { connector_id: connectorId } });
	},
});
