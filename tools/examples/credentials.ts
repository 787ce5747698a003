import {
	CREDENTIAL_TYPE,
	type StoredCredential,
	upsertCredential,
	type VideoVectorCredentialData,
} from '../n8n/credential';
import type { N8nClient } from '../n8n/n8n-client';

/**
 * The credentials the examples need besides the VideoVector API one: n8n's SMTP credential
 * pointing at the local SMTP catcher, and the receiver secret for "Via Webhook Receiver" mode.
 */

export const SMTP_CREDENTIAL_TYPE = 'smtp';
export const RECEIVER_CREDENTIAL_TYPE = 'n8nNodesVideoVectorReceiverApi';

/** Names the example files reference, so a file imported by hand after `npm start` matches them. */
export const CREDENTIAL_NAMES = {
	[CREDENTIAL_TYPE]: 'VideoVector (demo)',
	[SMTP_CREDENTIAL_TYPE]: 'Local SMTP sink',
	[RECEIVER_CREDENTIAL_TYPE]: 'VideoVector receiver (demo)',
} as const;

export interface CredentialSpec {
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** Plain SMTP on 127.0.0.1: no SSL/TLS and STARTTLS off, as the local sink offers neither. */
export function smtpCredential(port: number, name: string = CREDENTIAL_NAMES.smtp): CredentialSpec {
	return {
		name,
		type: SMTP_CREDENTIAL_TYPE,
		data: {
			user: 'n8n',
			password: 'local-sink',
			host: '127.0.0.1',
			port,
			secure: false,
			disableStartTls: true,
			hostName: '',
		},
	};
}

export function receiverCredential(
	secret: string,
	name: string = CREDENTIAL_NAMES.n8nNodesVideoVectorReceiverApi,
): CredentialSpec {
	return { name, type: RECEIVER_CREDENTIAL_TYPE, data: { secret, previousSecret: '' } };
}

/** Creates the credential, or overwrites the one with the same name and type (re-runs of `npm start`). */
export async function saveCredential(
	client: N8nClient,
	spec: CredentialSpec,
): Promise<StoredCredential> {
	// upsertCredential is typed for the VideoVector credential; the request it sends is the same for any type.
	const saved = await upsertCredential(
		client,
		spec.name,
		spec.data as unknown as VideoVectorCredentialData,
		spec.type,
	);
	return { id: saved.id, name: saved.name, type: saved.type };
}
