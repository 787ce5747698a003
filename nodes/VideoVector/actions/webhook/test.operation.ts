import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { locator, locatorValue, WEBHOOK } from '../common/locators';
import { defineOperation } from '../operation';

export const test = defineOperation({
	value: 'test',
	name: 'Test',
	action: 'Send a test delivery to a webhook',
	description:
		"Send a signed test event to the webhook's URL and return whether the receiver accepted it, with its HTTP status",
	endpoints: ['webhooks.test'],
	properties: [locator(WEBHOOK), optionsWithIdempotencyKey()],
	async execute(itemIndex, session) {
		const webhookId = locatorValue(this, WEBHOOK, itemIndex);
		return await callEndpoint(session, 'webhooks.test', { params: { webhook_id: webhookId } });
	},
});
