import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { endpointRequest } from '../../../shared/contract/endpoint-request';
import { createNodeApiClient } from '../../../shared/n8n/api-client';

/** "media.processing.completed" → "Media Processing Completed". */
function labelOf(eventName: string): string {
	return eventName
		.split(/[._]/)
		.filter(Boolean)
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/**
 * The event picker of webhook create/update, loaded live from `GET /webhooks/events` (public) so
 * new event names appear without a node release (contract §16.2). The value is the API's name.
 */
async function getWebhookEventTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await createNodeApiClient(this);
	const body = await client.request<unknown>(endpointRequest('webhooks.listEventTypes', {}));
	const names = (Array.isArray(body) ? body : []).filter((name): name is string => typeof name === 'string' && name !== '');
	return [...new Set(names)]
		.sort((a, b) => a.localeCompare(b))
		.map((name) => ({ name: labelOf(name), value: name, description: name }));
}

/** Wire into the node as `methods.loadOptions` (spread with any other load-options methods). */
export const webhookEventLoadOptions = { getWebhookEventTypes };
