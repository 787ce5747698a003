import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { INDEX, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';

export const get = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get an index',
	description: 'Retrieve one index by ID',
	endpoints: ['indexes.get'],
	properties: [locator(INDEX)],
	async execute(itemIndex, session) {
		const indexId = locatorValue(this, INDEX, itemIndex);
		return await callEndpoint(session, 'indexes.get', { params: { index_id: indexId } });
	},
});
