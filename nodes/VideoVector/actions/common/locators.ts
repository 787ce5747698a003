import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { trimmedText } from './collection-values';

/**
 * "From list" (searchable, loaded from the API) + "By ID" pickers. One builder for every resource so
 * they look and behave the same; the list methods live in methods/listSearch.ts.
 */
export interface LocatorSpec {
	/** Parameter name, e.g. `indexId`. */
	name: string;
	/** Human name, e.g. `Index`. */
	displayName: string;
	/** listSearch method name, e.g. `searchIndexes`. */
	searchMethod: string;
	placeholder: string;
	description?: string;
}

export function locator(
	spec: LocatorSpec,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.placeholder,
				validation: [
					{ type: 'regex', properties: { regex: '^\\S+$', errorMessage: 'An ID has no spaces' } },
				],
			},
		],
		...overrides,
	};
}

export const INDEX: LocatorSpec = {
	name: 'indexId',
	displayName: 'Index',
	searchMethod: 'searchIndexes',
	placeholder: 'e.g. idx_abc123',
	description: 'The index (a collection of media) to work on',
};

export const MEDIA: LocatorSpec = {
	name: 'videoId',
	displayName: 'Media',
	searchMethod: 'searchMedia',
	placeholder: 'e.g. vid_abc123',
	description: 'The video, audio or image item',
};

export const PROMPT: LocatorSpec = {
	name: 'promptId',
	displayName: 'Prompt',
	searchMethod: 'searchPrompts',
	placeholder: 'e.g. prompt_abc123',
	description: 'The prompt that defines what is extracted',
};

export const RUN: LocatorSpec = {
	name: 'runId',
	displayName: 'Prompt Run',
	searchMethod: 'searchPromptRuns',
	placeholder: 'e.g. run_abc123',
	description: 'The prompt run',
};

export const CONNECTOR: LocatorSpec = {
	name: 'connectorId',
	displayName: 'Connector',
	searchMethod: 'searchConnectors',
	placeholder: 'e.g. conn_abc123',
	description: 'The cloud storage connector',
};

export const WEBHOOK: LocatorSpec = {
	name: 'webhookId',
	displayName: 'Webhook',
	searchMethod: 'searchWebhooks',
	placeholder: 'e.g. wh_abc123',
	description: 'The webhook subscription',
};

export const EXPORT: LocatorSpec = {
	name: 'exportId',
	displayName: 'Export',
	searchMethod: 'searchExports',
	placeholder: 'e.g. exp_abc123',
	description: 'The export',
};

/** The ID the user picked or typed, whatever the mode. */
function pickedValue(context: IExecuteFunctions, spec: LocatorSpec, itemIndex: number): unknown {
	return context.getNodeParameter(spec.name, itemIndex, '', { extractValue: true });
}

/** Reads a locator's value whatever mode the user picked; refuses an empty one before any request. */
export function locatorValue(
	context: IExecuteFunctions,
	spec: LocatorSpec,
	itemIndex: number,
): string {
	const id = String(pickedValue(context, spec, itemIndex) ?? '').trim();
	if (!id)
		throw new NodeOperationError(context.getNode(), `${spec.displayName} is required`, {
			itemIndex,
		});
	return id;
}

/** A locator the user may leave empty (e.g. "containing index"): its trimmed value, or undefined. */
export function optionalLocatorValue(
	context: IExecuteFunctions,
	spec: LocatorSpec,
	itemIndex: number,
): string | undefined {
	return trimmedText(pickedValue(context, spec, itemIndex));
}

export const IMPORT_JOB: LocatorSpec = {
	name: 'jobId',
	displayName: 'Import Job',
	searchMethod: 'searchImportJobs',
	placeholder: 'e.g. job_abc123',
	description: 'The import job, as returned by Create or Get Many',
};

export const CHAT_SESSION: LocatorSpec = {
	name: 'sessionId',
	displayName: 'Chat Session',
	searchMethod: 'searchChatSessions',
	placeholder: 'e.g. sess_abc123',
	description: 'The chat session, as returned by Create or Get Many',
};

export const API_KEY: LocatorSpec = {
	name: 'keyId',
	displayName: 'API Key',
	searchMethod: 'searchApiKeys',
	placeholder: 'e.g. key_abc123',
	description: 'The API key (its ID, never the secret key itself)',
};

export const WEBHOOK_DELIVERY: LocatorSpec = {
	name: 'deliveryId',
	displayName: 'Delivery',
	searchMethod: 'searchWebhookDeliveries',
	placeholder: 'e.g. dlv_abc123',
	description: 'The webhook delivery, as listed by Webhook → Get Deliveries',
};

export const MARKER: LocatorSpec = {
	name: 'markerId',
	displayName: 'Marker',
	searchMethod: 'searchMarkers',
	placeholder: 'e.g. mrk_abc123',
	description: "The marker, as listed by Marker → Get Many or found in a result's markers",
};
