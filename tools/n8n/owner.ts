import type { N8nClient } from './n8n-client';

export interface OwnerAccount {
	email: string;
	firstName: string;
	lastName: string;
	/** n8n requires 8+ characters with a digit and an upper-case letter. */
	password: string;
}

/** The fixed login of the local demo instance; printed by `npm start`, not a secret. */
export const DEMO_OWNER: OwnerAccount = {
	email: 'demo@videovector.example',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'VideoVector-Demo-1',
};

/**
 * Creates the instance owner on a fresh n8n, or logs in when it exists (setup answers 400
 * then). Either way the client ends up holding the owner's session cookie.
 */
export async function signInOwner(
	client: N8nClient,
	owner: OwnerAccount = DEMO_OWNER,
): Promise<'created' | 'existing'> {
	const setup = await client.raw('POST', '/rest/owner/setup', { body: owner, auth: 'none' });
	if (setup.status === 200) return 'created';
	const login = await client.raw('POST', '/rest/login', {
		body: { emailOrLdapLoginId: owner.email, password: owner.password },
		auth: 'none',
	});
	if (login.status !== 200 || !client.cookie) {
		throw new Error(
			`cannot sign in as ${owner.email}: owner setup -> ${setup.status}, login -> ${login.status}. ` +
				'If this data folder was set up with another login, reset it.',
		);
	}
	return 'existing';
}

/** Creates a public-API key with every scope the owner may grant and stores it on the client. */
export async function createApiKey(client: N8nClient, label: string): Promise<string> {
	const scopes = await client.rest<string[]>('GET', '/api-keys/scopes');
	const created = await client.rest<{ rawApiKey?: string; apiKey?: string }>('POST', '/api-keys', {
		label,
		scopes,
		expiresAt: null,
	});
	const key = created.rawApiKey ?? created.apiKey;
	if (!key) throw new Error('n8n created an API key but did not return it');
	client.apiKey = key;
	return key;
}
