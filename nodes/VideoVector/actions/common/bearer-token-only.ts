import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../../shared/n8n/n8n-transport';

/**
 * API-key management accepts only a user-session JWT; the API answers 403 to an API key (contract
 * §17). Refusing before the request saves a round trip and gives a message that says what to change.
 */
export async function assertBearerTokenCredential(context: IExecuteFunctions, itemIndex: number): Promise<void> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE, itemIndex);
	if (credentials.authentication === 'bearerToken') return;
	throw new NodeOperationError(context.getNode(), 'API key operations need a Bearer Token credential', {
		itemIndex,
		description:
			'The VideoVector API accepts only a user-session token (JWT) for managing API keys. Create a VideoVector API credential with Authentication "Bearer Token (JWT)" and select it on this node.',
	});
}
