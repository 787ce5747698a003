import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { deletedOutput } from '../common/deleted-output';
import { locator, locatorValue, WEBHOOK } from '../common/locators';
import { defineOperation } from '../operation';

export const remove = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a webhook',
	description:
		'Delete a webhook subscription; no further events are delivered to it. Needs an admin key.',
	endpoints: ['webhooks.delete'],
	properties: [locator(WEBHOOK)],
	async execute(itemIndex, session) {
		const webhookId = locatorValue(this, WEBHOOK, itemIndex);
		await callEndpoint(session, 'webhooks.delete', { params: { webhook_id: webhookId } });
		return deletedOutput(webhookId);
	},
});
