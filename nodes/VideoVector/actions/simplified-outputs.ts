/**
 * What "Simplify" keeps, for every operation whose output item has more than ten top-level fields
 * (n8n's UX guideline). One list per output shape of the API (field names from the contract's zod
 * schemas in shared/contract/schemas/), then which operations give which shape.
 *
 * Every list keeps what a following node chains on (the object's own id and the ids it points to),
 * its name and status, the timestamps people sort or filter by, and the result or link fields the
 * shape exists for. It drops counters, nested progress arrays, internal storage paths (gs://),
 * inline base64 previews, markers and billing details. Fields a shape does not have in a given
 * answer are simply absent: a list may name fields of two related shapes (segment and media-level
 * results).
 */

/** A media item (video, audio or image); drops the per-run `processing_status` array. */
export const MEDIA = [
	'video_id',
	'index_id',
	'title',
	'media_type',
	'status',
	'duration_seconds',
	'video_uri',
	'created_at',
	'updated_at',
] as const;

/** A segment of a media item (Get Segments): its time span and extracted metadata. */
export const SEGMENT = [
	'segment_id',
	'video_id',
	'start_time',
	'end_time',
	'segment_status',
	'metadata',
	'metadata_text',
	'thumbnail_uri',
	'gif_uri',
	'failure_message',
] as const;

/** A prompt run: drops the 30 counters, segmentation settings and billing details. */
export const PROMPT_RUN = [
	'run_id',
	'prompt_id',
	'prompt_name',
	'status',
	'run_context',
	'executed_at',
	'error_message',
	'total_segments',
	'completed_segments',
] as const;

/**
 * A run's result: per segment (SegmentRunResult) or per media item (PromptRunVideoResult).
 * `result_view` is added by the node (which stream the result came from).
 */
export const RUN_RESULT = [
	'result_type',
	'result_id',
	'run_id',
	'prompt_id',
	'video_id',
	'video_name',
	'segment_id',
	'start_time',
	'end_time',
	'status',
	'metadata',
	'metadata_text',
	'error_message',
	'result_view',
] as const;

/** A search hit (text, image, multimodal, filter, combined, multi-run): what it matched and how well. */
export const SEARCH_RESULT = [
	'result_type',
	'result_id',
	'video_id',
	'video_name',
	'segment_id',
	'start_time',
	'end_time',
	'text_content',
	'similarity_score',
	'reranked_score',
	'fused_score',
	'match_type',
	'metadata',
	'run_id',
	'segment_uri',
	'thumbnail_uri',
] as const;

/** An export: what it exports, where it stands and where the file is. */
export const EXPORT = [
	'export_id',
	'export_type',
	'target_id',
	'status',
	'created_at',
	'completed_at',
	'download_url',
	'file_size_bytes',
	'destination_type',
	'destination_uri',
	'error_message',
] as const;

/** An import job; `progress` is one small object of counts, `video_ids` what the job created. */
export const IMPORT_JOB = [
	'job_id',
	'connector_id',
	'target_index_id',
	'status',
	'progress',
	'video_ids',
	'created_at',
	'completed_at',
	'error_message',
] as const;

/** A webhook subscription. `secret` is in the Create answer only, the one time the API shows it. */
export const WEBHOOK = [
	'webhook_id',
	'name',
	'url',
	'events',
	'index_ids',
	'status',
	'failure_count',
	'last_success_at',
	'last_failure_at',
	'created_at',
	'secret',
] as const;

/** One delivery of a webhook event; drops the payload and the receiver's response body. */
export const WEBHOOK_DELIVERY = [
	'delivery_id',
	'webhook_id',
	'event_type',
	'status',
	'attempts',
	'response_status_code',
	'error_message',
	'created_at',
	'completed_at',
	'next_retry_at',
] as const;

/** A storage connector: provider, where it points, whether its last test passed. */
export const CONNECTOR = [
	'connector_id',
	'name',
	'provider',
	'status',
	'bucket',
	'container',
	'scopes',
	'last_tested_at',
	'last_test_result',
	'created_at',
] as const;

/** A prompt: its text and schema are what it is; drops owner, video-level and indexing settings. */
export const PROMPT = [
	'prompt_id',
	'name',
	'description',
	'prompt_text',
	'json_schema',
	'is_active',
	'created_at',
] as const;

/** `resource.operation` → the fields its simplified output keeps. */
export const SIMPLIFIED_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
	'connector.createAzure': CONNECTOR,
	'connector.createGcs': CONNECTOR,
	'connector.createS3': CONNECTOR,
	'connector.get': CONNECTOR,
	'connector.getAll': CONNECTOR,
	'export.createIndexExport': EXPORT,
	'export.createPromptRunExport': EXPORT,
	'export.get': EXPORT,
	'export.getAll': EXPORT,
	'importJob.cancel': IMPORT_JOB,
	'importJob.create': IMPORT_JOB,
	'importJob.get': IMPORT_JOB,
	'importJob.getAll': IMPORT_JOB,
	'importJob.retry': IMPORT_JOB,
	'index.getPromptRuns': PROMPT_RUN,
	'media.batchGet': MEDIA,
	'media.create': MEDIA,
	'media.get': MEDIA,
	'media.getAll': MEDIA,
	'media.getPromptRuns': PROMPT_RUN,
	'media.getSegments': SEGMENT,
	'media.importUrls': IMPORT_JOB,
	'prompt.create': PROMPT,
	'prompt.get': PROMPT,
	'prompt.getAll': PROMPT,
	'prompt.update': PROMPT,
	'promptRun.cancel': PROMPT_RUN,
	'promptRun.execute': PROMPT_RUN,
	'promptRun.get': PROMPT_RUN,
	'promptRun.getAll': PROMPT_RUN,
	'promptRun.getMediaResult': RUN_RESULT,
	'promptRun.getRunResults': RUN_RESULT,
	'promptRun.getSegmentResults': RUN_RESULT,
	'promptRun.runAndGetResults': RUN_RESULT,
	'search.combined': SEARCH_RESULT,
	'search.filter': SEARCH_RESULT,
	'search.image': SEARCH_RESULT,
	'search.multiRun': SEARCH_RESULT,
	'search.multimodal': SEARCH_RESULT,
	'search.text': SEARCH_RESULT,
	'webhook.create': WEBHOOK,
	'webhook.get': WEBHOOK,
	'webhook.getAll': WEBHOOK,
	'webhook.getDeliveries': WEBHOOK_DELIVERY,
	'webhook.getDelivery': WEBHOOK_DELIVERY,
	'webhook.update': WEBHOOK,
};
