import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiSession } from '../../../../shared/n8n/api-session';

/**
 * API-key management accepts only a user-session JWT; the API answers 403 to an API key
 * (docs/api/conventions.md#api-keys). Refusing before the request saves a round trip and gives a message that says what to change.
 */
export async function assertBearerTokenCredential(
	session: ApiSession<IExecuteFunctions>,
): Promise<void> {
	const { context, itemIndex } = session;
	// The session's read: the request that follows reuses it.
	const credentials = await session.credentials();
	if (credentials.authentication === 'bearerToken') return;
	throw new NodeOperationError(
		context.getNode(),
		'API key operations need a Bearer Token credential',
		{
			itemIndex,
			description:
				'The VideoVector API accepts only a user-session token (JWT) for managing API keys. Create a VideoVector API credential with Authentication "Bearer Token (JWT)" and select it on this node.',
		},
	);
}
