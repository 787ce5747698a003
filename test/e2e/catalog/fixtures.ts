import type { RunningEmulator } from '../../../emulator/app';
import { pollUntil } from '../harness/poll';

/**
 * The account state the catalog's operations act on, made straight through the emulator's API
 * before n8n runs (so a failing node never hides behind a failing fixture). Destructive
 * operations get their own throwaway resources; reads get the long-lived ones.
 */
export interface CatalogFixture {
	indexId: string;
	promptId: string;
	runId: string;
	/** A finished run of a prompt with a video-level summary. */
	videoLevelRunId: string;
	videoIds: string[];
	videoId: string;
	segmentId: string;
	gcsUri: string;
	/** A failed, retryable segment the node retries; a second one retried here for Get Segment Retry. */
	failedSegment: { videoId: string; segmentId: string };
	retried: { videoId: string; segmentId: string; retryId: string };
	connectorId: string;
	exportId: string;
	webhookId: string;
	deliveryId: string;
	sessionId: string;
	turnId: string;
	apiKeyId: string;
	retryableJobId: string;
	/**
	 * A marker no operation deletes, so the marker picker (opened after every operation ran) lists it.
	 * Optional: fixtures of other suites (idempotency) have no marker.
	 */
	markerId?: string;
	/** Throwaway resources for delete / revoke / cancel (and the deletion-status reads after). */
	disposable: {
		indexId: string;
		videoId: string;
		promptId: string;
		connectorId: string;
		webhookId: string;
		sessionId: string;
		markerId: string;
		revokeKeyId: string;
		deleteKeyId: string;
		activeRunId: string;
		activeJobId: string;
	};
}

type Json = Record<string, any>;

class Api {
	constructor(private readonly emulator: RunningEmulator) {}

	async call(
		method: string,
		path: string,
		body?: unknown,
		auth: 'key' | 'bearer' = 'key',
	): Promise<Json> {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (auth === 'key') headers['x-api-key'] = this.emulator.apiKey;
		else headers.authorization = `Bearer ${this.emulator.bearerToken}`;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(`${this.emulator.baseUrl}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok)
			throw new Error(`fixture ${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`);
		return text ? (JSON.parse(text) as Json) : {};
	}
}

function listOf(body: Json): Json[] {
	if (Array.isArray(body)) return body;
	for (const key of ['items', 'data', 'segments', 'failed_segments', 'deliveries', 'results'])
		if (Array.isArray(body[key])) return body[key];
	throw new Error(`no list in ${JSON.stringify(body).slice(0, 200)}`);
}

/**
 * Runs every due timer until the emulator is idle: no timer left and no webhook delivery still
 * pending. Webhook attempts go over real sockets, so a retry timer appears only once an attempt
 * has been answered: wait for that state, not for a guessed pause.
 */
async function settle(emulator: RunningEmulator): Promise<void> {
	const { clock } = emulator.control;
	await pollUntil(
		async () => {
			clock.runAll();
			return clock.pending() === 0 && emulator.control.counts().deliveries.pending === 0
				? true
				: undefined;
		},
		{ what: 'the emulator to finish its runs and webhook deliveries', intervalMs: 20 },
	);
}

export async function createCatalogFixture(emulator: RunningEmulator): Promise<CatalogFixture> {
	const api = new Api(emulator);
	const control = emulator.control;
	const seeded = control.seed.index({
		media: 4,
		segmentsPerMedia: 3,
		failureRate: 0.5,
		name: 'Catalog index',
	});
	const [videoId] = seeded.video_ids as [string];
	const segments = listOf(await api.call('GET', `/videos/${videoId}/segments`));
	const video = await api.call('GET', `/videos/${videoId}`);

	const manifest = await api.call('GET', `/prompt-runs/${seeded.run_id}/failed-segments`);
	const failed = (manifest.videos as Json[])
		.flatMap((v) => (v.segments as Json[]).map((s): Json => ({ ...s, video_id: v.video_id })))
		.filter((s) => s.retryable !== false);
	if (failed.length < 2)
		throw new Error(
			`the seeded run has ${failed.length} retryable failed segments; the catalog needs 2`,
		);
	const [toRetry, forNode] = failed as [Json, Json];
	const retry = await api.call(
		'POST',
		`/prompt-runs/${seeded.run_id}/videos/${toRetry.video_id}/segments/${toRetry.segment_id}/retry`,
		undefined,
	);

	const s3 = (name: string) => ({
		name,
		bucket: 'catalog-bucket',
		region: 'eu-west-1',
		aws_access_key_id: 'AKIACATALOG',
		aws_secret_access_key: 'catalog-secret',
	});
	const connector = await api.call('POST', '/connectors/s3', s3('Catalog S3'));
	const throwawayConnector = await api.call('POST', '/connectors/s3', s3('Throwaway S3'));

	// The receiver refuses every delivery (no such route: 404), so after all attempts a delivery is failed and retryable.
	const hookUrl = `${emulator.origin}/catalog-receiver-that-refuses`;
	const webhook = await api.call('POST', '/webhooks', {
		name: 'Catalog hook',
		url: hookUrl,
		events: ['prompt_run.completed'],
	});
	const throwawayHook = await api.call('POST', '/webhooks', {
		name: 'Throwaway hook',
		url: hookUrl,
		events: ['prompt_run.completed'],
	});
	await api.call('POST', `/webhooks/${webhook.webhook_id}/test`);

	// A prompt with a video-level summary and a finished run over the index, for Get Video Result.
	const summaryPrompt = await api.call('POST', '/prompts', {
		name: 'Catalog summary prompt',
		prompt_text: 'Describe every scene in detail',
		json_schema: { type: 'object', properties: { summary: { type: 'string' } } },
		video_level: {
			instructions_text: 'Summarise the whole media item.',
			included_segment_fields: ['summary'],
			json_schema: { type: 'object', properties: { overall: { type: 'string' } } },
		},
	});
	const summaryRun = await api.call('POST', '/prompt-runs/execute', {
		prompt_id: summaryPrompt.prompt_id,
		target: { type: 'index', index_id: seeded.index_id },
	});
	const exported = await api.call('POST', `/exports/index/${seeded.index_id}`, {});
	await settle(emulator);
	const deliveries = listOf(await api.call('GET', `/webhooks/${webhook.webhook_id}/deliveries`));

	const session = await api.call('POST', '/chat/sessions', {});
	const turn = await api.call('POST', `/chat/sessions/${session.session_id}/turns`, {
		message: 'What happens in the videos?',
	});
	const throwawaySession = await api.call('POST', '/chat/sessions', {});
	const marker = await api.call('PUT', '/markers', {
		target_type: 'prompt',
		target_id: seeded.prompt_id,
		color: '#ff0000',
	});

	const keptMarker = await api.call('PUT', '/markers', {
		target_type: 'prompt',
		target_id: summaryPrompt.prompt_id,
		color: '#00ff00',
		note: 'Catalog marker',
	});

	const key = (name: string) => api.call('POST', '/api-keys', { name, scopes: ['read'] }, 'bearer');
	const [apiKey, revokeKey, deleteKey] = await Promise.all([
		key('Catalog key'),
		key('Revoke me'),
		key('Delete me'),
	]);

	// Playground media, for media pickers in operations without an index.
	control.seed.index({
		media: 1,
		segmentsPerMedia: 1,
		run: false,
		playground: true,
		titlePrefix: 'Playground media',
	});
	const throwawayIndex = await api.call('POST', '/indexes', { name: 'Throwaway index' });
	const throwawayMedia = control.seed.index({
		media: 1,
		segmentsPerMedia: 1,
		run: false,
		name: 'Throwaway media',
	});
	const throwawayPrompt = await api.call('POST', '/prompts', {
		name: 'Throwaway prompt',
		prompt_text: 'Describe every scene in detail',
		json_schema: { type: 'object', properties: { summary: { type: 'string' } } },
	});
	const activeRun = await api.call('POST', '/prompt-runs/execute', {
		prompt_id: seeded.prompt_id,
		target: { type: 'index', index_id: seeded.index_id },
	});
	const activeJob = await api.call('POST', '/import-jobs', {
		connector_id: connector.connector_id,
		index_id: seeded.index_id,
	});
	const attachments = await api.call('POST', '/workflow/attachments', {
		files: [{ download_url: 'https://example.com/catalog.mp4', file_id: 'catalog-file' }],
		index_id: seeded.index_id,
	});
	await api.call('POST', `/import-jobs/${attachments.job_id}/cancel`);

	return {
		indexId: seeded.index_id as string,
		promptId: seeded.prompt_id as string,
		runId: seeded.run_id as string,
		videoLevelRunId: summaryRun.run_id,
		videoIds: seeded.video_ids,
		videoId,
		segmentId: segments[0]?.segment_id as string,
		gcsUri: video.video_uri as string,
		failedSegment: { videoId: forNode.video_id, segmentId: forNode.segment_id },
		retried: { videoId: toRetry.video_id, segmentId: toRetry.segment_id, retryId: retry.retry_id },
		connectorId: connector.connector_id,
		exportId: exported.export_id,
		webhookId: webhook.webhook_id,
		deliveryId: (deliveries.find((d) => d.status === 'failed') ?? deliveries[0])
			?.delivery_id as string,
		sessionId: session.session_id,
		turnId: (turn.turn?.turn_id ?? turn.turn_id) as string,
		apiKeyId: apiKey.key_id ?? apiKey.id,
		retryableJobId: attachments.job_id,
		markerId: keptMarker.marker_id,
		disposable: {
			indexId: throwawayIndex.index_id,
			videoId: throwawayMedia.video_ids[0] as string,
			promptId: throwawayPrompt.prompt_id,
			connectorId: throwawayConnector.connector_id,
			webhookId: throwawayHook.webhook_id,
			sessionId: throwawaySession.session_id,
			markerId: marker.marker_id,
			revokeKeyId: revokeKey.key_id ?? revokeKey.id,
			deleteKeyId: deleteKey.key_id ?? deleteKey.id,
			activeRunId: activeRun.run_id,
			activeJobId: activeJob.job_id,
		},
	};
}
