import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { endpointRequest } from '../../../shared/contract/endpoint-request';
import { createNodeApiClient } from '../../../shared/n8n/api-session';
import { eventTypeOptions, sortedEventNames } from '../../../shared/n8n/webhook-event-options';

/**
 * The event picker of webhook create/update, loaded live from `GET /webhooks/events` (public) so
 * new event names appear without a node release (contract §16.2). The value is the API's name.
 */
async function getWebhookEventTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await createNodeApiClient(this);
	const body = await client.request<unknown>(endpointRequest('webhooks.listEventTypes', {}));
	return eventTypeOptions(sortedEventNames(body));
}

/** Wire into the node as `methods.loadOptions` (spread with any other load-options methods). */
export const webhookEventLoadOptions = { getWebhookEventTypes };
