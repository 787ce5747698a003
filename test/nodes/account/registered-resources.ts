/**
 * Registers this part's resources on the node for tests, until (and after) the lead lists them in
 * nodes/VideoVector/actions/resources.ts: resources already listed there are not added twice. Each
 * test file mocks the registry module with it:
 *
 *   vi.mock('../../../nodes/VideoVector/actions/resources', async (importOriginal) =>
 *     (await import('../account/registered-resources')).withTheseResources(await importOriginal()));
 */
import { accountResource } from '../../../nodes/VideoVector/actions/account/Account.resource';
import { apiKeyResource } from '../../../nodes/VideoVector/actions/apiKey/ApiKey.resource';
import { chatSessionResource } from '../../../nodes/VideoVector/actions/chatSession/ChatSession.resource';
import { connectorResource } from '../../../nodes/VideoVector/actions/connector/Connector.resource';
import { importJobResource } from '../../../nodes/VideoVector/actions/importJob/ImportJob.resource';
import { markerResource } from '../../../nodes/VideoVector/actions/marker/Marker.resource';
import { processingEventResource } from '../../../nodes/VideoVector/actions/processingEvent/ProcessingEvent.resource';
import type { ResourceDefinition } from '../../../nodes/VideoVector/actions/resource';
import { webhookResource } from '../../../nodes/VideoVector/actions/webhook/Webhook.resource';

export const THESE_RESOURCES: readonly ResourceDefinition[] = [
	accountResource,
	apiKeyResource,
	chatSessionResource,
	connectorResource,
	importJobResource,
	markerResource,
	processingEventResource,
	webhookResource,
];

export function withTheseResources<M extends { RESOURCES: readonly ResourceDefinition[] }>(registry: M): M {
	const missing = THESE_RESOURCES.filter((mine) => !registry.RESOURCES.some((listed) => listed.value === mine.value));
	return { ...registry, RESOURCES: [...registry.RESOURCES, ...missing] };
}
