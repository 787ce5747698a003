import { accountResource } from './account/Account.resource';
import { apiKeyResource } from './apiKey/ApiKey.resource';
import { chatSessionResource } from './chatSession/ChatSession.resource';
import { connectorResource } from './connector/Connector.resource';
import { exportResource } from './export/Export.resource';
import { importJobResource } from './importJob/ImportJob.resource';
import { indexResource } from './index/Index.resource';
import { markerResource } from './marker/Marker.resource';
import { mediaResource } from './media/Media.resource';
import { processingEventResource } from './processingEvent/ProcessingEvent.resource';
import { promptResource } from './prompt/Prompt.resource';
import { promptRunResource } from './promptRun/PromptRun.resource';
import type { ResourceDefinition } from './resource';
import { searchResource } from './search/Search.resource';
import { webhookResource } from './webhook/Webhook.resource';

/** Every resource of the node, in the order of the Resource dropdown. Adding one is one line here. */
export const RESOURCES: readonly ResourceDefinition[] = [
	accountResource,
	apiKeyResource,
	chatSessionResource,
	connectorResource,
	exportResource,
	importJobResource,
	indexResource,
	markerResource,
	mediaResource,
	processingEventResource,
	promptResource,
	promptRunResource,
	searchResource,
	webhookResource,
];
