import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { CONNECTOR, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';

export const test = defineOperation({
	value: 'test',
	name: 'Test',
	action: 'Test a connector',
	description:
		'Check that VideoVector can reach the bucket or container with the stored credentials. Returns success and, on failure, the error message.',
	endpoints: ['connectors.test'],
	properties: [locator(CONNECTOR), optionsWithIdempotencyKey()],
	async execute(itemIndex, session) {
		const connectorId = locatorValue(this, CONNECTOR, itemIndex);
		// Bodyless POST (docs/api/conventions.md#request-conventions).
		return await callEndpoint(session, 'connectors.test', {
			params: { connector_id: connectorId },
		});
	},
});
