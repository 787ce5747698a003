import type { RunningEmulator } from '../../emulator/app';
import { type ApiTarget, callApi } from './api';

/**
 * What the example tests do at the emulator directly (as another client of the same account):
 * set up media, start runs and exports, and read back the authoritative state to compare with
 * what the workflows reported.
 */

export interface PromptRun {
	run_id: string;
	prompt_id: string;
	prompt_name?: string;
	status: string;
	total_segments: number;
	completed_segments: number;
	[counter: string]: unknown;
}

export interface SeededIndex {
	indexId: string;
	promptId: string;
	videoIds: string[];
}

/** A prompt that extracts a scene description per segment (what the example runs execute). */
export async function createScenePrompt(emulator: RunningEmulator): Promise<string> {
	const prompt = await callApi<{ prompt_id: string }>(emulator, 'POST', '/prompts', {
		name: 'Scene description',
		prompt_text: 'Describe the scene, the people and the objects in this segment.',
		json_schema: {
			type: 'object',
			properties: {
				scene: {
					type: 'object',
					properties: { location: { type: 'string' }, mood: { type: 'string' } },
				},
			},
		},
	});
	return prompt.prompt_id;
}

/** An index with `media` healthy videos and `failing` videos whose every segment fails (`[fail]` titles). */
export async function indexWithMedia(
	emulator: RunningEmulator,
	promptId: string,
	media: { healthy: number; failing?: number; name?: string },
): Promise<SeededIndex> {
	const seeded = emulator.control.seed.index({
		media: media.healthy,
		segmentsPerMedia: 3,
		run: false,
		name: media.name,
	});
	if (!seeded.index_id) throw new Error('the emulator seeded no index');
	const videoIds = [...seeded.video_ids];
	for (let n = 0; n < (media.failing ?? 0); n++) {
		const video = await callApi<{ video_id: string }>(emulator, 'POST', '/videos', {
			title: `[fail] broken clip ${n + 1}`,
			video_uri: `gs://videovector-e2e/broken-${n + 1}.mp4`,
			index_id: seeded.index_id,
		});
		videoIds.push(video.video_id);
	}
	return { indexId: seeded.index_id, promptId, videoIds };
}

/** Starts a prompt run over the whole index with fixed 10 s segments; resolves to its id. */
export async function startRun(emulator: RunningEmulator, index: SeededIndex): Promise<string> {
	const run = await callApi<PromptRun>(emulator, 'POST', '/prompt-runs/execute', {
		prompt_id: index.promptId,
		target: { type: 'index', index_id: index.indexId },
		video_segmentation_type: 'fixed',
		video_segment_duration: 10,
	});
	return run.run_id;
}

export function getRun(emulator: RunningEmulator, runId: string): Promise<PromptRun> {
	return callApi<PromptRun>(emulator, 'GET', `/prompt-runs/${encodeURIComponent(runId)}`);
}

/** Sum of a run counter over videos, audios and images (`total`, `completed`, `failed`, `partial`). */
export function mediaCount(
	run: PromptRun,
	kind: 'total' | 'completed' | 'failed' | 'partial',
): number {
	return ['videos', 'audios', 'images'].reduce(
		(sum, media) => sum + (Number(run[`${kind}_${media}`]) || 0),
		0,
	);
}

/** Requests the emulator logged for `method` on paths matching `pattern`, with the status it answered. */
export function loggedRequests(
	emulator: RunningEmulator,
	method: string,
	pattern: RegExp,
): Array<{ path: string; status: number | null }> {
	return emulator.control.requests
		.list({ method })
		.filter((request) => pattern.test(request.path))
		.map((request) => ({ path: request.path, status: request.status }));
}

export interface DeliveryAttempt {
	status_code: number | null;
	duplicate: boolean;
	error?: string | null;
	attempted_at?: string;
}

export interface RunDelivery {
	/** pending, processing, retrying, delivered or failed. */
	status: string;
	attempt_history?: DeliveryAttempt[];
}

/** The emulator's deliveries of webhook events about `runId` (all subscriptions). */
export async function deliveriesForRun(
	emulator: RunningEmulator,
	runId: string,
): Promise<RunDelivery[]> {
	const hooks = await callApi<Array<{ webhook_id: string }>>(emulator, 'GET', '/webhooks');
	const found: RunDelivery[] = [];
	for (const hook of hooks) {
		const deliveries = await callApi<
			Array<RunDelivery & { payload?: { data?: { run_id?: string } } }>
		>(emulator, 'GET', `/webhooks/${hook.webhook_id}/deliveries?limit=100`);
		for (const delivery of deliveries)
			if (delivery.payload?.data?.run_id === runId) found.push(delivery);
	}
	return found;
}

/** The attempts the emulator made to deliver the webhook event about `runId` (all subscriptions). */
export async function deliveryAttemptsForRun(
	emulator: RunningEmulator,
	runId: string,
): Promise<DeliveryAttempt[]> {
	return (await deliveriesForRun(emulator, runId)).flatMap(
		(delivery) => delivery.attempt_history ?? [],
	);
}

/** An S3 connector for imports and exports (the emulator's buckets all list the same sample objects). */
export async function createConnector(target: ApiTarget, bucket: string): Promise<string> {
	const connector = await callApi<{ connector_id: string }>(target, 'POST', '/connectors/s3', {
		name: `Media bucket ${bucket}`,
		bucket,
		region: 'eu-west-1',
		aws_access_key_id: 'AKIAEXAMPLEE2E000001',
		aws_secret_access_key: 'example-secret-access-key-for-the-emulator',
		scopes: ['import', 'export'],
	});
	return connector.connector_id;
}

export async function createIndex(emulator: RunningEmulator, name: string): Promise<string> {
	return (await callApi<{ index_id: string }>(emulator, 'POST', '/indexes', { name })).index_id;
}

export interface ImportJob {
	job_id: string;
	status: string;
	target_index_id: string;
	video_ids: string[];
	progress: { imported: number; failed: number; skipped: number };
}

export async function importJobsOf(
	emulator: RunningEmulator,
	indexId: string,
): Promise<ImportJob[]> {
	return callApi<ImportJob[]>(
		emulator,
		'GET',
		`/import-jobs?index_id=${encodeURIComponent(indexId)}`,
	);
}

export async function runsOfIndex(
	emulator: RunningEmulator,
	indexId: string,
): Promise<PromptRun[]> {
	const page = await callApi<{ data: PromptRun[] }>(
		emulator,
		'GET',
		`/indexes/${encodeURIComponent(indexId)}/prompt-runs?limit=100`,
	);
	return page.data;
}

/** Starts a JSON export of the index (download destination); resolves to the export id. */
export async function exportIndex(emulator: RunningEmulator, indexId: string): Promise<string> {
	return (
		await callApi<{ export_id: string }>(
			emulator,
			'POST',
			`/exports/index/${encodeURIComponent(indexId)}`,
			{},
		)
	).export_id;
}

/** Starts an export of one run into a bucket connector (nothing to download); resolves to its id. */
export async function exportRunToConnector(
	emulator: RunningEmulator,
	runId: string,
	connectorId: string,
): Promise<string> {
	const created = await callApi<{ export_id: string }>(
		emulator,
		'POST',
		`/exports/prompt-run/${encodeURIComponent(runId)}`,
		{
			destination_connector_id: connectorId,
		},
	);
	return created.export_id;
}

/** The export file as the API serves it to an authenticated client. */
export async function exportFile(emulator: RunningEmulator, exportId: string): Promise<Buffer> {
	const response = await fetch(
		`${emulator.baseUrl}/exports/${encodeURIComponent(exportId)}/download`,
		{
			headers: { 'x-api-key': emulator.apiKey },
			signal: AbortSignal.timeout(20_000),
		},
	);
	if (response.status !== 200)
		throw new Error(`download of export ${exportId} -> ${response.status}`);
	return Buffer.from(await response.arrayBuffer());
}

export interface FailedSegment {
	segment_id: string;
	retryable: boolean | null;
}

export interface FailedSegmentsManifest {
	run_id: string;
	failed_segments: number;
	videos: Array<{ video_id: string; segments: FailedSegment[] }>;
}

export function failedSegments(
	emulator: RunningEmulator,
	runId: string,
): Promise<FailedSegmentsManifest> {
	return callApi<FailedSegmentsManifest>(
		emulator,
		'GET',
		`/prompt-runs/${encodeURIComponent(runId)}/failed-segments`,
	);
}

/** `run/video/segment` of every segment retry the emulator accepted (202), in order. */
export function acceptedRetries(emulator: RunningEmulator): string[] {
	const retry = /^\/prompt-runs\/([^/]+)\/videos\/([^/]+)\/segments\/([^/]+)\/retry$/;
	return loggedRequests(emulator, 'POST', retry)
		.filter((request) => request.status === 202)
		.map((request) => {
			const [, run, video, segment] = retry.exec(request.path) as RegExpExecArray;
			return `${run}/${video}/${segment}`;
		});
}
