import { assertBearerTokenCredential } from '../common/bearer-token-only';
import { defineOperation, type OperationDefinition } from '../operation';

/** An API-key operation: refused before any request unless the credential is a Bearer Token (contract §17). */
export function defineBearerOperation(definition: OperationDefinition): OperationDefinition {
	return defineOperation({
		...definition,
		async execute(itemIndex, session) {
			await assertBearerTokenCredential(session);
			return await definition.execute.call(this, itemIndex, session);
		},
	});
}
