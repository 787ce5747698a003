import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { EXPORT, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';

export const get = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get an export',
	description:
		'Retrieve the status of an export (pending, processing, completed or failed) and where its file is',
	endpoints: ['exports.get'],
	properties: [locator(EXPORT)],
	async execute(itemIndex, session) {
		const exportId = locatorValue(this, EXPORT, itemIndex);
		return await callEndpoint(session, 'exports.get', { params: { export_id: exportId } });
	},
});
