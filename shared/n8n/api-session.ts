import type { IDataObject } from 'n8n-workflow';

import { nodeApiClient, type N8nApiContext, type NodeApiClient } from './api-client';
import { CREDENTIAL_TYPE } from './n8n-transport';

/**
 * One item's line to the API. The credential is read once, on first use, and the JSON client built
 * from it serves every call the item makes — the operation's request, each page of a list, each poll
 * of a wait — instead of each call reading the credential again (a read costs tens of milliseconds in
 * n8n). Per item, not per execution: n8n resolves expressions in credentials against the item.
 * Triggers and load-options methods, which have no items, use one session per call.
 */
export class ApiSession<C extends N8nApiContext = N8nApiContext> {
	private credentialRead: Promise<IDataObject> | undefined;

	private jsonClient: NodeApiClient | undefined;

	constructor(
		readonly context: C,
		readonly itemIndex = 0,
	) {}

	/** The VideoVector API credential; read from n8n the first time only. */
	async credentials(): Promise<IDataObject> {
		this.credentialRead ??= this.context.getCredentials(CREDENTIAL_TYPE, this.itemIndex);
		return await this.credentialRead;
	}

	/** The JSON client (retries, paging, n8n errors) over the session's credential. */
	async client(): Promise<NodeApiClient> {
		this.jsonClient ??= nodeApiClient(this.context, await this.credentials(), this.itemIndex);
		return this.jsonClient;
	}
}

/** A one-off client (trigger hooks, load-options methods): reads the credential once for it. */
export async function createNodeApiClient(
	context: N8nApiContext,
	itemIndex = 0,
): Promise<NodeApiClient> {
	return await new ApiSession(context, itemIndex).client();
}
