import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { endpointRequest } from '../../../shared/contract/endpoint-request';
import { createNodeApiClient } from '../../../shared/n8n/api-session';
import { lookupIndexes, toChoices } from '../../../shared/n8n/resource-lookup';
import { trimmedText } from '../actions/common/collection-values';

async function plainList(
	context: ILoadOptionsFunctions,
	request: ReturnType<typeof endpointRequest>,
): Promise<IDataObject[]> {
	const client = await createNodeApiClient(context);
	const body = await client.request<unknown>(request);
	return Array.isArray(body) ? (body as IDataObject[]) : [];
}

/** The currently selected index of the node, if any, to scope media and run lists. */
export function selectedIndexId(context: ILoadOptionsFunctions): string | undefined {
	// Operations without an Index field (Media → Get) make n8n throw "Could not find property": no index then.
	try {
		return trimmedText(context.getCurrentNodeParameter('indexId', { extractValue: true }));
	} catch {
		return undefined;
	}
}

async function searchIndexes(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return { results: await lookupIndexes(this, filter) };
}

/** Media of the selected index (else the playground), one API page per scroll. */
async function searchMedia(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const indexId = selectedIndexId(this);
	const query = { limit: 100, cursor: paginationToken };
	const request = indexId
		? endpointRequest('indexes.listVideos', { params: { index_id: indexId }, query })
		: endpointRequest('videos.listPlayground', { query });
	const client = await createNodeApiClient(this);
	const page = await client.request<{
		data?: IDataObject[];
		pagination?: { next_cursor?: string | null; has_more?: boolean };
	}>(request);
	const next = page.pagination?.has_more ? (page.pagination.next_cursor ?? undefined) : undefined;
	return {
		results: toChoices(page.data ?? [], 'video_id', (v) => String(v.title ?? ''), filter),
		paginationToken: next || undefined,
	};
}

async function searchPrompts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await createNodeApiClient(this);
	const body = await client.request<{ prompts?: IDataObject[] }>(
		endpointRequest('prompts.list', { query: { active_only: false, include_defaults: true } }),
	);
	return {
		results: toChoices(body.prompts ?? [], 'prompt_id', (p) => String(p.name ?? ''), filter),
	};
}

/** Runs of the chosen index (one API page per scroll), else the account's most recent runs. */
async function searchPromptRuns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const label = (run: IDataObject) =>
		[run.prompt_name, run.status, run.executed_at].filter(Boolean).join(' · ');
	const indexId = selectedIndexId(this);
	if (!indexId) {
		const items = await plainList(
			this,
			endpointRequest('prompt_runs.list', { query: { limit: 200 } }),
		);
		return { results: toChoices(items, 'run_id', label, filter) };
	}
	const client = await createNodeApiClient(this);
	const page = await client.request<{
		data?: IDataObject[];
		pagination?: { next_cursor?: string | null; has_more?: boolean };
	}>(
		endpointRequest('indexes.listPromptRuns', {
			params: { index_id: indexId },
			query: { limit: 100, cursor: paginationToken },
		}),
	);
	const next = page.pagination?.has_more ? (page.pagination.next_cursor ?? undefined) : undefined;
	return {
		results: toChoices(page.data ?? [], 'run_id', label, filter),
		paginationToken: next || undefined,
	};
}

async function searchConnectors(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const items = await plainList(this, endpointRequest('connectors.list', {}));
	return {
		results: toChoices(
			items,
			'connector_id',
			(c) => `${String(c.name ?? '')} [${String(c.provider ?? '')}]`,
			filter,
		),
	};
}

async function searchWebhooks(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const items = await plainList(this, endpointRequest('webhooks.list', {}));
	return { results: toChoices(items, 'webhook_id', (w) => String(w.name ?? w.url ?? ''), filter) };
}

async function searchExports(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const items = await plainList(this, endpointRequest('exports.list', { query: { limit: 100 } }));
	const label = (e: IDataObject) =>
		[e.export_type, e.target_id, e.status].filter(Boolean).join(' · ');
	return { results: toChoices(items, 'export_id', label, filter) };
}

async function searchImportJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const items = await plainList(
		this,
		endpointRequest('import_jobs.list', { query: { limit: 200 } }),
	);
	const label = (job: IDataObject) =>
		[job.source_prefix || 'whole bucket', job.status, job.created_at].filter(Boolean).join(' · ');
	return { results: toChoices(items, 'job_id', label, filter) };
}

async function searchChatSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const items = await plainList(this, endpointRequest('chat_sessions.list', {}));
	const label = (session: IDataObject) => String(session.title ?? session.created_at ?? '');
	return { results: toChoices(items, 'session_id', label, filter) };
}

/** Needs a Bearer Token credential, as every API Key operation does; an API key gets the API's 403. */
async function searchApiKeys(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const items = await plainList(this, endpointRequest('api_keys.list', {}));
	const label = (key: IDataObject) =>
		[key.name, key.key_prefix, key.is_active === false ? 'inactive' : undefined]
			.filter(Boolean)
			.join(' · ');
	return { results: toChoices(items, 'key_id', label, filter) };
}

/** Markers are labelled by what they flag, so a picker tells two markers of one colour apart. */
async function searchMarkers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const items = await plainList(this, endpointRequest('markers.list', {}));
	const label = (marker: IDataObject) =>
		[marker.target_type, marker.target_id, marker.field_path, marker.color, marker.note]
			.filter(Boolean)
			.join(' · ');
	return { results: toChoices(items, 'marker_id', label, filter) };
}

/** Deliveries have no list of their own: the recent ones of each webhook, newest webhooks first. */
const WEBHOOKS_SEARCHED = 20;
async function searchWebhookDeliveries(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const webhooks = await plainList(this, endpointRequest('webhooks.list', {}));
	const results = [];
	for (const webhook of webhooks.slice(0, WEBHOOKS_SEARCHED)) {
		const deliveries = await plainList(
			this,
			endpointRequest('webhooks.listDeliveries', {
				params: { webhook_id: String(webhook.webhook_id) },
				query: { limit: 50 },
			}),
		);
		const label = (delivery: IDataObject) =>
			[webhook.name, delivery.event_type, delivery.status].filter(Boolean).join(' · ');
		results.push(...toChoices(deliveries, 'delivery_id', label, filter));
	}
	return { results };
}

export const listSearch = {
	searchImportJobs,
	searchChatSessions,
	searchApiKeys,
	searchWebhookDeliveries,
	searchMarkers,
	searchIndexes,
	searchMedia,
	searchPrompts,
	searchPromptRuns,
	searchConnectors,
	searchWebhooks,
	searchExports,
};
