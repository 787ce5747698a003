import type { N8nClient } from './n8n-client';

/** Credential type of this package (credentials/N8nNodesVideoVectorApi.credentials.ts). */
export const CREDENTIAL_TYPE = 'n8nNodesVideoVectorApi';

export interface VideoVectorCredentialData {
	authentication: 'apiKey' | 'bearerToken';
	apiKey?: string;
	bearerToken?: string;
	baseUrl: string;
}

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
}

/**
 * Finds the credential by name and type and overwrites its data, or creates it: re-runs keep
 * one credential whose key and URL follow the emulator of the current run.
 */
export async function upsertCredential(
	client: N8nClient,
	name: string,
	data: VideoVectorCredentialData,
	type = CREDENTIAL_TYPE,
): Promise<StoredCredential & { created: boolean }> {
	const existing = await client.rest<StoredCredential[]>('GET', '/credentials');
	const match = existing.find((credential) => credential.name === name && credential.type === type);
	if (match) {
		const updated = await client.rest<StoredCredential>('PATCH', `/credentials/${match.id}`, {
			name,
			type,
			data,
		});
		return { id: updated.id, name: updated.name, type: updated.type, created: false };
	}
	const created = await client.rest<StoredCredential>('POST', '/credentials', { name, type, data });
	return { id: created.id, name: created.name, type: created.type, created: true };
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * The editor's "Test" button: n8n runs the credential type's `test` request with `data` (all
 * fields, as the editor sends them; stored values are not merged in), against a stored
 * credential, so a wrong key can be tried without saving it.
 */
export async function testCredential(
	client: N8nClient,
	credential: StoredCredential,
	data: VideoVectorCredentialData,
): Promise<CredentialTestResult> {
	return client.rest<CredentialTestResult>('POST', '/credentials/test', {
		credentials: { id: credential.id, name: credential.name, type: credential.type, data },
	});
}
