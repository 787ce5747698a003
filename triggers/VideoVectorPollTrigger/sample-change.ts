import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { endpointRequest } from '../../shared/contract/endpoint-request';
import type { ApiRequest } from '../../shared/http/types';
import type { NodeApiClient } from '../../shared/n8n/api-client';
import { createNodeApiClient } from '../../shared/n8n/api-session';
import { type TriggerEventItem } from '../shared/event-item';
import type { PollSettings } from './poll-settings';
import {
	STATUS_CHANGES,
	STATUS_EVENT_TYPES,
	type StatusChange,
	type WatchedResource,
} from './status-changes';

/**
 * "Fetch Test Event": the event feed cannot be read backwards without a stored position, so the
 * sample is the most recent matching resource from its list endpoint, in the item shape the published
 * trigger emits (`data` holds the resource). Nothing is stored.
 */
interface ResourceSource {
	request(indexId: string | undefined): ApiRequest | undefined;
	idField: string;
	/** Which event field the resource's id goes in. */
	eventIdField: 'run_id' | 'video_id' | undefined;
	indexOf(item: IDataObject): unknown;
	timeOf(item: IDataObject): unknown;
}

const SOURCES: Record<WatchedResource, ResourceSource> = {
	promptRun: {
		request: () => endpointRequest('prompt_runs.list', { query: { limit: 200 } }),
		idField: 'run_id',
		eventIdField: 'run_id',
		indexOf: (run) => run.index_id ?? (run.run_context as IDataObject | undefined)?.index_id,
		timeOf: (run) => run.completed_at ?? run.executed_at,
	},
	importJob: {
		request: (indexId) =>
			endpointRequest('import_jobs.list', { query: { index_id: indexId, limit: 200 } }),
		idField: 'job_id',
		eventIdField: undefined,
		indexOf: (job) => job.target_index_id,
		timeOf: (job) => job.completed_at ?? job.started_at ?? job.created_at,
	},
	export: {
		request: () => endpointRequest('exports.list', { query: { limit: 100 } }),
		idField: 'export_id',
		eventIdField: undefined,
		indexOf: (record) => (record.export_type === 'index' ? record.target_id : undefined),
		timeOf: (record) => record.updated_at ?? record.completed_at ?? record.created_at,
	},
	media: {
		// Media are listed per index (docs/api/conventions.md#indexes); without an index filter there is no account-wide list.
		request: (indexId) =>
			indexId === undefined
				? undefined
				: endpointRequest('indexes.listVideos', {
						params: { index_id: indexId },
						query: { limit: 100 },
					}),
		idField: 'video_id',
		eventIdField: 'video_id',
		indexOf: (video) => video.index_id,
		timeOf: (video) => video.updated_at ?? video.created_at,
	},
};

export const SAMPLE_NOTE_REAL =
	'Test event: the most recent matching item from the API, in the shape of a change event';
export const SAMPLE_NOTE_MADE_UP =
	'Test event: made-up sample data — no matching item exists yet in this account';

function listOf(body: unknown): IDataObject[] {
	const list = Array.isArray(body) ? body : (body as IDataObject | undefined)?.data;
	return Array.isArray(list)
		? (list.filter((item) => item && typeof item === 'object') as IDataObject[])
		: [];
}

/** The picked event types, with "All Events" standing for every status change. */
function pickedStatusEvents(settings: PollSettings): Set<string> {
	return settings.allEvents ? new Set(STATUS_EVENT_TYPES) : settings.eventTypes;
}

/** Which picked change a resource's current status corresponds to (the one whose event it would have sent). */
function changeFor(
	resource: WatchedResource,
	item: IDataObject,
	picked: Set<string>,
): StatusChange | undefined {
	const status = String(item.status ?? '').toLowerCase();
	const partial =
		resource === 'importJob' && Number((item.progress as IDataObject | undefined)?.failed ?? 0) > 0;
	return STATUS_CHANGES.find((change) => {
		if (change.resource !== resource || !picked.has(change.eventType)) return false;
		if (resource === 'importJob' && change.status === 'completed') {
			return (
				status === 'completed' && partial === (change.eventType === 'import_job.partial_completed')
			);
		}
		if (resource === 'importJob' && change.eventType === 'import_job.started')
			return status === 'scanning' || status === 'importing';
		return change.status.toLowerCase() === status;
	});
}

async function latestOf(
	client: NodeApiClient,
	resource: WatchedResource,
	settings: PollSettings,
): Promise<IDataObject | undefined> {
	const source = SOURCES[resource];
	// The list endpoints take one index; several picked are filtered below.
	const request = source.request(settings.indexIds.length === 1 ? settings.indexIds[0] : undefined);
	if (request === undefined) return undefined;
	const picked = pickedStatusEvents(settings);
	let latest: { item: IDataObject; change: StatusChange; time: string } | undefined;
	for (const item of listOf(await client.request(request))) {
		const change = changeFor(resource, item, picked);
		if (!change) continue;
		if (settings.indexIds.length > 0 && !settings.indexIds.includes(String(source.indexOf(item))))
			continue;
		const time = String(source.timeOf(item) ?? '');
		if (!latest || time > latest.time) latest = { item, change, time };
	}
	if (!latest) return undefined;
	const index = source.indexOf(latest.item);
	const ids: IDataObject = {};
	if (source.eventIdField !== undefined) ids[source.eventIdField] = latest.item[source.idField];
	if (typeof index === 'string') ids.index_id = index;
	const item: TriggerEventItem = {
		event_id: null,
		event: latest.change.eventType,
		created_at: latest.time || null,
		data: { ...ids, ...latest.item },
		sample: SAMPLE_NOTE_REAL,
	};
	return item;
}

export function madeUpSample(settings: PollSettings): IDataObject {
	const eventType = [...pickedStatusEvents(settings)][0] ?? 'prompt_run.completed';
	const item: TriggerEventItem = {
		event_id: null,
		event: eventType,
		created_at: null,
		data: {
			...(eventType.startsWith('prompt_run.') ? { run_id: 'run_sample' } : {}),
			...(eventType.startsWith('media.') ? { video_id: 'vid_sample' } : {}),
			index_id: settings.indexIds[0] ?? 'idx_sample',
			status: STATUS_CHANGES.find((change) => change.eventType === eventType)?.status ?? null,
		},
		sample: SAMPLE_NOTE_MADE_UP,
	};
	return item;
}

/** The newest matching item over the picked resources, or a clearly labelled made-up one. */
export async function sampleChange(
	context: IPollFunctions,
	settings: PollSettings,
): Promise<IDataObject> {
	const client = await createNodeApiClient(context);
	const resources = [
		...new Set(
			STATUS_CHANGES.filter((change) => pickedStatusEvents(settings).has(change.eventType)).map(
				(change) => change.resource,
			),
		),
	];
	let newest: IDataObject | undefined;
	for (const resource of resources) {
		const candidate = await latestOf(client, resource, settings);
		if (
			candidate &&
			(!newest || String(candidate.created_at ?? '') > String(newest.created_at ?? ''))
		)
			newest = candidate;
	}
	return newest ?? madeUpSample(settings);
}
