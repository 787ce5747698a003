import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const RECEIVER_CREDENTIAL_TYPE = 'n8nNodesVideoVectorReceiverApi';

/** Current secret first, then the previous one while a rotation is under way. */
export function secretsOfCredential(credential: ICredentialDataDecryptedObject): string[] {
	return [credential.secret, credential.previousSecret]
		.filter((value): value is string => typeof value === 'string' && value.trim() !== '')
		.map((value) => value.trim());
}

/** No credential (or an unreadable one) means no secret: the verifier then refuses (fail closed). */
export async function receiverSecrets(context: {
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
}): Promise<string[]> {
	return await context.getCredentials(RECEIVER_CREDENTIAL_TYPE).then(secretsOfCredential, () => []);
}
