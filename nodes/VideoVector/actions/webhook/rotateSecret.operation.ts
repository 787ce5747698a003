import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { locator, locatorValue, WEBHOOK } from '../common/locators';
import { defineOperation } from '../operation';

export const rotateSecret = defineOperation({
	value: 'rotateSecret',
	name: 'Rotate Secret',
	action: 'Rotate the signing secret of a webhook',
	description:
		'Replace the signing secret of a webhook. The answer holds the new secret, shown only this once; deliveries are signed with it from now on.',
	endpoints: ['webhooks.rotateSecret'],
	properties: [locator(WEBHOOK)],
	async execute(itemIndex, session) {
		const webhookId = locatorValue(this, WEBHOOK, itemIndex);
		// Not de-duplicated by the API, so never retried: a retry could rotate twice and lose the secret shown first.
		return await callEndpoint(session, 'webhooks.rotateSecret', {
			params: { webhook_id: webhookId },
		});
	},
});
