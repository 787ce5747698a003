import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { decodeStandardSecret } from '../../shared/webhooks/standard-webhooks';
import { secretsOfCredential } from './receiver-secrets';

/**
 * The receiver secret is shared between our webhook-receiver and n8n only; there is no service to
 * ask. The test checks what can be checked: each secret decodes as a Standard Webhooks key.
 */
export async function testReceiverSecret(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	if (typeof data.secret !== 'string' || data.secret.trim() === '')
		return { status: 'Error', message: 'Enter the signing secret' };
	const malformed = secretsOfCredential(data).filter(
		(secret) => decodeStandardSecret(secret) === undefined,
	);
	if (malformed.length > 0)
		return {
			status: 'Error',
			message: 'A secret must be "whsec_" followed by base64, as the webhook receiver prints it',
		};
	return { status: 'OK', message: 'The secret is well formed' };
}
