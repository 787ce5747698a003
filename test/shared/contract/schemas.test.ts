import { describe, expect, it } from 'vitest';

import {
	apiKeyWithSecretSchema,
	chatSessionSchema,
	connectorSchema,
	deleteResponseSchema,
	downloadUrlSchema,
	errorBodySchema,
	exportSchema,
	failedSegmentsManifestSchema,
	filterSearchResponseSchema,
	importJobSchema,
	indexSchema,
	isMintedDownloadUrl,
	isSearchableRunStatus,
	isTerminalExportStatus,
	isTerminalImportJobStatus,
	isTerminalRunStatus,
	isTerminalVideoStatus,
	markerSchema,
	multimodalSearchResultSchema,
	pageSchema,
	processingEventSchema,
	promptListSchema,
	promptRunSchema,
	RUN_COUNTER_FIELDS,
	searchResultSchema,
	segmentRetrySchema,
	segmentSchema,
	videoSchema,
	WEBHOOK_EVENT_NAMES,
	webhookDeliverySchema,
	webhookEventEnvelopeSchema,
	webhookWithSecretSchema,
} from '../../../shared/contract/schemas';

const TOKEN = `v1.${'a'.repeat(20)}.${'b'.repeat(20)}`;

describe('resource schemas', () => {
	it('keep fields the server adds (passthrough) and accept upper-case video status', () => {
		const video = videoSchema.parse({
			video_id: 'vid_1',
			status: 'PROCESSED',
			brand_new_field: 42,
		});
		expect(video).toMatchObject({ video_id: 'vid_1', status: 'PROCESSED', brand_new_field: 42 });
		expect(isTerminalVideoStatus(video.status)).toBe(true);
		expect(indexSchema.parse({ index_id: 'idx_1', name: 'n', video_count: 3 }).video_count).toBe(3);
	});

	it('reject responses without their identity field', () => {
		expect(videoSchema.safeParse({ title: 'no id' }).success).toBe(false);
		expect(promptRunSchema.safeParse({ status: 'pending' }).success).toBe(false);
		expect(indexSchema.safeParse({ index_id: '', name: 'x' }).success).toBe(false);
	});

	it('PromptRun: unknown statuses tolerated, counters default to 0 (missing or null)', () => {
		const run = promptRunSchema.parse({
			run_id: 'run_1',
			status: 'queued',
			completed_videos: null,
			total_videos: 4,
		});
		expect(run.status).toBe('queued');
		expect(run.total_videos).toBe(4);
		for (const field of RUN_COUNTER_FIELDS.filter((name) => name !== 'total_videos'))
			expect(run[field]).toBe(0);
		// 5 per media kind × 3, 2 segment totals, 3 failure counts, 4 video-level counts (docs/api/conventions.md#run-model-and-statuses).
		expect(RUN_COUNTER_FIELDS).toHaveLength(24);
	});

	it('parse the other resource families from representative bodies', () => {
		expect(
			segmentSchema.parse({ segment_id: 's', start_time: 0, end_time: 1.5, metadata: null })
				.end_time,
		).toBe(1.5);
		expect(
			searchResultSchema.parse({
				text_content: 't',
				field_scores: { a: 0.5 },
				matched_field_paths: ['a'],
			}).text_content,
		).toBe('t');
		expect(multimodalSearchResultSchema.safeParse({ text_content: 't' }).success).toBe(false);
		expect(connectorSchema.parse({ connector_id: 'c', provider: 'r2' }).provider).toBe('r2');
		const job = importJobSchema.parse({
			job_id: 'j',
			status: 'completed',
			progress: { failed: 2 },
		});
		expect(job.progress).toMatchObject({ failed: 2, imported: 0, total_files: 0 });
		expect(
			exportSchema.parse({ export_id: 'e', status: 'completed', queue_status: 'succeeded' }).status,
		).toBe('completed');
		expect(
			webhookWithSecretSchema.safeParse({ webhook_id: 'w', url: 'u', events: [], status: 'active' })
				.success,
		).toBe(false);
		expect(
			webhookDeliverySchema.parse({
				delivery_id: 'd',
				status: 'delivered',
				payload: { id: 'evt', event: 'export.ready', data: { export_id: 'e' } },
			}).payload?.event,
		).toBe('export.ready');
		expect(apiKeyWithSecretSchema.parse({ key_id: 'k', scopes: ['read'], key: 'sk' }).key).toBe(
			'sk',
		);
		expect(markerSchema.parse({ marker_id: 'm', color: null }).color).toBeNull();
		expect(
			chatSessionSchema.parse({ session_id: 's', turns: [{ status: 'completed' }] }).turns,
		).toHaveLength(1);
		expect(failedSegmentsManifestSchema.parse({ run_id: 'r' }).videos).toEqual([]);
		expect(segmentRetrySchema.parse({ retry_id: 'r', status: 'queued' }).status).toBe('queued');
		expect(
			promptListSchema.parse({ prompts: [{ prompt_id: 'p', name: 'n' }], total_count: 1 }).prompts,
		).toHaveLength(1);
		expect(deleteResponseSchema.parse({ status: 'deleted' }).status).toBe('deleted');
	});
});

describe('terminal status helpers', () => {
	it.each([
		['completed', true],
		['completed_with_failures', true],
		['failed', true],
		['CANCELLED', true],
		['partial_completed', true],
		['pending', false],
		['processing', false],
		['queued', false],
		[undefined, false],
	])('run status %s → %s', (status, terminal) => {
		expect(isTerminalRunStatus(status)).toBe(terminal);
	});

	it('import jobs, exports and searchable runs', () => {
		expect(['completed', 'failed', 'cancelled'].every(isTerminalImportJobStatus)).toBe(true);
		expect(['pending', 'scanning', 'importing'].some(isTerminalImportJobStatus)).toBe(false);
		expect(['completed', 'failed'].every(isTerminalExportStatus)).toBe(true);
		expect(['pending', 'processing'].some(isTerminalExportStatus)).toBe(false);
		expect(isSearchableRunStatus('completed_with_failures')).toBe(true);
		expect(isSearchableRunStatus('failed')).toBe(false);
	});
});

describe('envelopes', () => {
	it('error bodies: every JSON shape in docs/api/conventions.md#error-bodies is accepted', () => {
		for (const body of [
			{ error: { code: 'x', message: 'm', details: {}, request_id: 'req_1' } },
			{ error: { error_code: 'rate_limit_exceeded', retry_after: 5 } },
			{ message: 'm', error_code: 'c' },
			{ detail: 'text' },
			{ detail: [{ loc: ['body', 'name'], msg: 'field required', type: 'missing' }] },
			{ detail: { message: 'm', code: 'c' } },
		]) {
			expect(errorBodySchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
		}
	});

	it('page and filter-search shapes', () => {
		const page = pageSchema(indexSchema).parse({
			data: [{ index_id: 'i', name: 'n' }],
			pagination: { limit: 50, has_more: false, next_cursor: null },
		});
		expect(page.data).toHaveLength(1);
		expect(pageSchema(indexSchema).safeParse({ data: [] }).success).toBe(false);
		const filter = filterSearchResponseSchema(searchResultSchema);
		expect(filter.safeParse({ results: [], next_page_token: null, total_shown: 0 }).success).toBe(
			true,
		);
		expect(filter.safeParse({ data: [], pagination: { has_more: false } }).success).toBe(true);
		expect(filter.safeParse({ total_shown: 0 }).success).toBe(false);
	});

	it('webhook envelope and the 17 event names', () => {
		expect(new Set(WEBHOOK_EVENT_NAMES).size).toBe(17);
		expect(WEBHOOK_EVENT_NAMES).toContain('export.ready');
		expect(WEBHOOK_EVENT_NAMES).not.toContain('export.completed');
		const envelope = {
			id: 'evt_1',
			event: 'some.future_event',
			data: { run_id: 'r' },
			api_version: '2024-01',
		};
		expect(webhookEventEnvelopeSchema.parse(envelope).event).toBe('some.future_event');
		expect(webhookEventEnvelopeSchema.safeParse({ id: 'evt_1', event: 'x' }).success).toBe(false);
	});

	it('processing event data (docs/api/conventions.md#processing-event-stream)', () => {
		const event = processingEventSchema.parse({
			event_id: '17',
			event_type: 'segment.completed',
			payload: {},
		});
		expect(event.event_type).toBe('segment.completed');
		expect(processingEventSchema.safeParse({ event_type: 'x' }).success).toBe(false);
	});
});

describe('download URL (docs/api/conventions.md#exports)', () => {
	const url = `https://api.example.test/api/v2/exports/exp_1/download?token=${TOKEN}`;

	it('accepts a minted URL or null, rejects other URLs', () => {
		const body = {
			export_id: 'exp_1',
			status: 'completed',
			destination_type: 'download',
			destination_connector_id: null,
		};
		expect(downloadUrlSchema.safeParse({ ...body, download_url: url }).success).toBe(true);
		expect(downloadUrlSchema.safeParse({ ...body, download_url: null }).success).toBe(true);
		expect(downloadUrlSchema.safeParse({ ...body, download_url: `${url}&x=1` }).success).toBe(
			false,
		);
	});

	it('isMintedDownloadUrl checks path, sole query key and token shape', () => {
		expect(isMintedDownloadUrl(url, 'exp_1')).toBe(true);
		expect(isMintedDownloadUrl(url, 'exp_2')).toBe(false);
		expect(isMintedDownloadUrl(url.replace(TOKEN, 'v1.short.x'), 'exp_1')).toBe(false);
		expect(isMintedDownloadUrl('/api/v2/exports/exp_1/download', 'exp_1')).toBe(false);
	});
});
