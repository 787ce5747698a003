import type { INodeProperties } from 'n8n-workflow';

import { assertBearerTokenCredential } from '../common/bearer-token-only';
import { defineOperation, type OperationDefinition } from '../operation';

/**
 * Says so in the editor, before anyone runs the node: an API key credential cannot manage API keys
 * (n8n cannot show a parameter depending on the credential's type, so every API Key operation shows it).
 */
const bearerTokenNotice: INodeProperties = {
	displayName:
		'API Key operations need a VideoVector API credential with Authentication "Bearer Token (JWT)". A credential holding an API key is refused before anything is sent.',
	name: 'bearerTokenNotice',
	type: 'notice',
	default: '',
};

/** An API-key operation: refused before any request unless the credential is a Bearer Token (docs/api/conventions.md#api-keys). */
export function defineBearerOperation(definition: OperationDefinition): OperationDefinition {
	return defineOperation({
		...definition,
		properties: [bearerTokenNotice, ...definition.properties],
		async execute(itemIndex, session) {
			await assertBearerTokenCredential(session);
			return await definition.execute.call(this, itemIndex, session);
		},
	});
}
