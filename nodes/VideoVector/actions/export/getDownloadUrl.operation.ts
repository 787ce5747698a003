import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { EXPORT, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';

export const getDownloadUrl = defineOperation({
	value: 'getDownloadUrl',
	name: 'Get Download URL',
	action: 'Get a short-lived download URL for an export',
	description:
		'Mint a short-lived URL that downloads a completed export without credentials (none for connector exports or unfinished ones). Each call mints a new URL, so it is never retried automatically. Treat the URL as a secret.',
	endpoints: ['exports.createDownloadUrl'],
	properties: [locator(EXPORT)],
	async execute(itemIndex, session) {
		const exportId = locatorValue(this, EXPORT, itemIndex);
		// Bodyless, without Idempotency-Key (docs/api/conventions.md#idempotency-keys); the shared policy never retries this path.
		return await callEndpoint(session, 'exports.createDownloadUrl', {
			params: { export_id: exportId },
		});
	},
});
