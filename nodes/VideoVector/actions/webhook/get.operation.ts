import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { locator, locatorValue, WEBHOOK } from '../common/locators';
import { defineOperation } from '../operation';

export const get = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a webhook',
	description: 'Retrieve one webhook subscription (without its secret)',
	endpoints: ['webhooks.get'],
	properties: [locator(WEBHOOK)],
	async execute(itemIndex, session) {
		const webhookId = locatorValue(this, WEBHOOK, itemIndex);
		return await callEndpoint(session, 'webhooks.get', { params: { webhook_id: webhookId } });
	},
});
