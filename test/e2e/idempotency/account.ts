import type { RunningEmulator } from '../../../emulator/app';
import type { CatalogFixture } from '../catalog/fixtures';

/**
 * The emulator account the idempotency workflows write to: an index with media and a finished run
 * with retryable failed segments (one per segment-retry node), a prompt and a bucket connector.
 * Made straight through the emulator's API, before n8n runs.
 */
export interface IdempotencyAccount {
	indexId: string;
	promptId: string;
	runId: string;
	videoIds: string[];
	connectorId: string;
	failedSegments: Array<{ videoId: string; segmentId: string }>;
}

type Json = Record<string, any>;

async function call(
	emulator: RunningEmulator,
	method: string,
	path: string,
	body?: unknown,
): Promise<Json> {
	const res = await fetch(`${emulator.baseUrl}${path}`, {
		method,
		headers: {
			'x-api-key': emulator.apiKey,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`account ${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`);
	return text ? (JSON.parse(text) as Json) : {};
}

/** `GET` as the account, for counting what the workflows created. */
export function readAs(emulator: RunningEmulator, path: string): Promise<Json> {
	return call(emulator, 'GET', path);
}

export async function createAccount(
	emulator: RunningEmulator,
	segmentRetries: number,
): Promise<IdempotencyAccount> {
	const seeded = emulator.control.seed.index({
		media: 4,
		segmentsPerMedia: 4,
		failureRate: 0.6,
		name: 'Idempotency index',
	});
	const manifest = await call(emulator, 'GET', `/prompt-runs/${seeded.run_id}/failed-segments`);
	const failed = (manifest.videos as Json[]).flatMap((video) =>
		(video.segments as Json[])
			.filter((segment) => segment.retryable !== false)
			.map((segment) => ({
				videoId: video.video_id as string,
				segmentId: segment.segment_id as string,
			})),
	);
	if (failed.length < segmentRetries)
		throw new Error(
			`the seeded run has ${failed.length} retryable failed segments; ${segmentRetries} needed`,
		);
	const connector = await call(emulator, 'POST', '/connectors/s3', {
		name: 'Idempotency S3',
		bucket: 'idempotency-bucket',
		region: 'eu-west-1',
		aws_access_key_id: 'AKIAIDEMPOTENCY',
		aws_secret_access_key: 'idempotency-secret',
	});
	return {
		indexId: seeded.index_id as string,
		promptId: seeded.prompt_id as string,
		runId: seeded.run_id as string,
		videoIds: seeded.video_ids as string[],
		connectorId: connector.connector_id as string,
		failedSegments: failed,
	};
}

/**
 * The account as the catalog's parameter filler reads it (it picks values by parameter name), with
 * the given failed segment as the one a Retry Segment node retries. Fields these workflows never
 * use name nothing that exists, so a parameter filled from them fails loudly.
 */
export function asCatalogFixture(
	account: IdempotencyAccount,
	failedSegment: { videoId: string; segmentId: string },
): CatalogFixture {
	const none = 'not_used_by_idempotency_tests';
	return {
		indexId: account.indexId,
		promptId: account.promptId,
		runId: account.runId,
		videoLevelRunId: none,
		videoIds: account.videoIds,
		videoId: account.videoIds[0]!,
		segmentId: none,
		gcsUri: none,
		failedSegment,
		retried: { videoId: none, segmentId: none, retryId: none },
		connectorId: account.connectorId,
		exportId: none,
		webhookId: none,
		deliveryId: none,
		sessionId: none,
		turnId: none,
		apiKeyId: none,
		retryableJobId: none,
		disposable: {
			indexId: none,
			videoId: none,
			promptId: none,
			connectorId: none,
			webhookId: none,
			sessionId: none,
			markerId: none,
			revokeKeyId: none,
			deleteKeyId: none,
			activeRunId: none,
			activeJobId: none,
		},
	};
}
