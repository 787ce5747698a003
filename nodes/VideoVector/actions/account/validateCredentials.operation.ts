import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { defineOperation } from '../operation';

export const validateCredentials = defineOperation({
	value: 'validateCredentials',
	name: 'Validate Credentials',
	action: 'Validate the credentials',
	description:
		'Check that the API key or token of this node is accepted, without side effects. Returns valid true, or valid false with the reason when the API rejects it (401).',
	endpoints: ['auth.validate'],
	properties: [],
	async execute(_itemIndex, session) {
		const client = await session.client();
		// 204 No Content on success. A rejected credential is the answer to the question, not a failure
		// of the operation; rate limits and outages still fail it (after the shared retries).
		return await client.send(endpointRequest('auth.validate', {})).then(
			(): IDataObject => ({ valid: true }),
			(error: unknown): IDataObject | Promise<never> =>
				error instanceof NodeApiError && error.httpCode === '401'
					? { valid: false, reason: error.message }
					: Promise.reject(error),
		);
	},
});
