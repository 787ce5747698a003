/** In-memory records. Views returned to clients are rendered from these by the route/sim modules. */

export type Scope = 'search' | 'read' | 'write' | 'admin';
export type MediaType = 'video' | 'audio' | 'image';
export type VideoStatus = 'NOT_PROCESSED' | 'PROCESSING' | 'PROCESSED' | 'FAILED';
export type JsonObject = Record<string, unknown>;

export interface MarkerInfo {
	marker_id: string | null;
	color: string | null;
	note: string | null;
	updated_at: string | null;
}

export interface IndexRec {
	index_id: string;
	name: string;
	description: string | null;
	created_at: string;
	is_default: boolean;
	deletion?: DeletionRec;
}

export interface StoredFile {
	path: string;
	size: number;
	sha256: string;
	filename: string;
	content_type: string;
}

export interface VideoRec {
	video_id: string;
	title: string;
	video_uri: string;
	status: VideoStatus;
	created_at: string;
	updated_at: string;
	duration_seconds: number;
	media_type: MediaType;
	index_id: string | null;
	source_connector_id: string | null;
	/** Where an import found it: lets `new_only` imports skip it. */
	source_path: string | null;
	file: StoredFile | null;
	/** Runs that touched this media, oldest first. */
	run_ids: string[];
	/** Segments created by the legacy `/videos/{id}/process` (segmentation without a prompt). */
	legacy_segments: SegmentRec[] | null;
	deletion?: DeletionRec;
}

export interface DeletionRec {
	deletion_id: string;
	status: 'pending' | 'in_progress' | 'deleted';
	requested_at: string;
	completed_at: string | null;
	total_items: number;
	deleted_items: number;
}

export type FailedOperation =
	'field_extraction' | 'transcription' | 'image_embedding' | 'processing';

export interface SegmentFailure {
	failed_operations: FailedOperation[];
	failure_stage: string;
	failure_message: string;
	failure_code: string;
	retryable: boolean;
}

export interface SegmentRec {
	segment_id: string;
	video_id: string;
	ordinal: number;
	start_time: number;
	end_time: number;
	status: 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled';
	started_at: string | null;
	completed_at: string | null;
	failure: SegmentFailure | null;
	retry_ids: string[];
	/** Lazily generated metadata (deterministic from the seed, so caching is only a speed-up). */
	cached?: { metadata: JsonObject; metadata_text: string };
}

export interface VideoLevelResultRec {
	result_id: string;
	status: 'completed' | 'failed';
	started_at: string;
	completed_at: string;
	successful_segment_count: number;
	failed_segment_count: number;
	omitted_segment_ids: string[];
	error_message: string | null;
}

export type RunMediaStatus =
	'pending' | 'processing' | 'completed' | 'partial' | 'failed' | 'cancelled';

export interface RunMediaRec {
	video_id: string;
	media_type: MediaType;
	status: RunMediaStatus;
	segments: SegmentRec[];
	next_segment: number;
	started_at: string | null;
	completed_at: string | null;
	video_result: VideoLevelResultRec | null;
}

export interface PromptRec {
	prompt_id: string;
	user_id: string;
	name: string;
	description: string;
	prompt_text: string;
	json_schema: JsonObject;
	video_level: {
		instructions_text: string;
		included_segment_fields: string[];
		json_schema: JsonObject;
	} | null;
	semantic_indexing: { disabled_segment_fields: string[]; disabled_video_level_fields: string[] };
	execution_config: JsonObject | null;
	selection_filter: JsonObject | null;
	is_active: boolean;
	created_at: string;
	updated_at: string;
}

export type RunStatus =
	'pending' | 'processing' | 'completed' | 'completed_with_failures' | 'failed' | 'cancelled';

export interface RunSettings {
	video_segmentation_type: 'smart' | 'fixed' | 'content_aware';
	audio_segmentation_type: 'fixed' | 'content_aware';
	video_segment_duration: number | null;
	audio_segment_duration: number | null;
	processing_model: string;
	enable_transcription: boolean;
	enable_image_embedding: boolean;
}

export interface StopState {
	requested_at: string;
	requested_by: string;
	mode: 'cooperative';
	observed_at: string | null;
	completed_at: string | null;
}

export interface RunCounters {
	[key: string]: number;
}

export interface RunRec {
	run_id: string;
	prompt_id: string;
	prompt_name: string;
	/** Snapshot of the prompt at execution time: later prompt edits don't change a run's results. */
	json_schema: JsonObject;
	video_level: PromptRec['video_level'];
	index_id: string | null;
	target: JsonObject;
	settings: RunSettings;
	status: RunStatus;
	executed_at: string;
	started_at: string | null;
	completed_at: string | null;
	updated_at: string;
	error_message: string | null;
	counters: RunCounters;
	created_new_segments: boolean;
	total_video_seconds: number;
	stop_state: StopState | null;
	media: Map<string, RunMediaRec>;
	media_order: string[];
	next_media: number;
	active: string[];
	billing_estimated_mt: number;
}

export interface SegmentRetryRec {
	retry_id: string;
	run_id: string;
	video_id: string;
	segment_id: string;
	status: 'queued' | 'processing' | 'completed' | 'failed';
	idempotency_key: string | null;
	created_at: string;
	started_at: string | null;
	completed_at: string | null;
	error: string | null;
}

export interface ConnectorRec {
	connector_id: string;
	name: string;
	provider: 'gcs' | 's3' | 'azure';
	status: 'active' | 'testing' | 'failed' | 'disabled';
	scopes: Array<'import' | 'export'>;
	import_mode: 'all' | 'new_only';
	export_base_path: string | null;
	bucket: string | null;
	region: string | null;
	storage_account: string | null;
	container: string | null;
	gcp_project_id: string | null;
	created_at: string;
	updated_at: string;
	last_tested_at: string | null;
	last_test_result: 'success' | 'failure' | null;
	last_test_error: string | null;
	/** Kept only to prove it is never returned; hashed, never the raw secret. */
	secret_fingerprint: string;
}

export interface ImportFileSpec {
	path: string;
	size_bytes: number;
	/** Why it cannot be imported, decided up front from the deterministic listing. */
	outcome: 'import' | 'fail' | 'skip';
	reason: string | null;
	title: string;
	content_type: string;
}

export interface ImportJobRec {
	job_id: string;
	connector_id: string | null;
	target_index_id: string | null;
	source_prefix: string;
	file_pattern: string;
	recursive: boolean;
	import_mode: 'all' | 'new_only';
	automation: boolean;
	status: 'pending' | 'scanning' | 'importing' | 'completed' | 'failed' | 'cancelled';
	created_at: string;
	started_at: string | null;
	completed_at: string | null;
	error_message: string | null;
	files: ImportFileSpec[];
	next_file: number;
	progress: {
		total_files: number;
		imported: number;
		failed: number;
		skipped: number;
		bytes_transferred: number;
		current_file: string | null;
	};
	video_ids: string[];
	failed_files: Array<{ path: string; error: string }>;
	skipped_files: Array<{ path: string; reason: string }>;
	/** URL-attachment jobs (`/workflow/attachments`) are the only retryable ones. */
	kind: 'connector' | 'attachments';
	title: string | null;
}

export interface ExportRec {
	export_id: string;
	export_type: 'index' | 'prompt_run';
	target_id: string;
	status: 'pending' | 'processing' | 'completed' | 'failed';
	queue_status: 'queued' | 'leased' | 'running' | 'failed' | 'succeeded' | 'dead_letter';
	attempts: number;
	max_attempts: number;
	available_at: string;
	created_at: string;
	updated_at: string;
	started_at: string | null;
	completed_at: string | null;
	error_message: string | null;
	destination_connector_id: string | null;
	destination_base_path: string | null;
	destination_subpath: string | null;
	destination_uri: string | null;
	result_scope: 'all' | 'matches';
	prompt_run_ids: string[] | null;
	artifact: Buffer | null;
}

export interface WebhookRec {
	webhook_id: string;
	name: string;
	url: string;
	events: string[];
	index_ids: string[] | null;
	status: 'active' | 'paused' | 'disabled';
	metadata: JsonObject | null;
	secret: string;
	failure_count: number;
	last_failure_at: string | null;
	last_success_at: string | null;
	created_at: string;
	updated_at: string;
}

export interface DeliveryAttempt {
	attempt_id: string;
	attempted_at: string;
	status_code: number | null;
	error: string | null;
	duration_ms: number;
	duplicate: boolean;
}

export interface DeliveryRec {
	delivery_id: string;
	webhook_id: string;
	event_type: string;
	status: 'pending' | 'processing' | 'delivered' | 'failed' | 'retrying';
	attempts: number;
	last_attempt_at: string | null;
	next_retry_at: string | null;
	response_status_code: number | null;
	response_body: string | null;
	error_message: string | null;
	created_at: string;
	completed_at: string | null;
	payload: JsonObject;
	/** The exact bytes that are signed and sent, identical on every attempt. */
	body: string;
	attempt_history: DeliveryAttempt[];
	is_test: boolean;
}

export interface ApiKeyRec {
	key_id: string;
	key_prefix: string;
	name: string;
	scopes: Scope[];
	created_at: string;
	last_used_at: string | null;
	revoked_at: string | null;
	expires_at: string | null;
	key_hash: string;
}

export interface MarkerRec {
	marker_id: string;
	target_type: 'prompt' | 'prompt_run' | 'field';
	target_id: string;
	field_path: string | null;
	color: string | null;
	note: string | null;
	created_at: string;
	updated_at: string;
}

export interface ChatEventRec {
	id: string;
	event: string;
	data: JsonObject;
}

export interface ChatTurnRec {
	turn_id: string;
	session_id: string;
	status: 'pending' | 'running' | 'completed' | 'failed';
	user_message: { content: string };
	assistant_message: { content: string; citations: JsonObject[] } | null;
	scope: JsonObject | null;
	error: { message: string } | null;
	created_at: string;
	completed_at: string | null;
	events: ChatEventRec[];
}

export interface ChatSessionRec {
	session_id: string;
	title: string | null;
	created_at: string;
	updated_at: string;
	turns: ChatTurnRec[];
}

export interface SearchSnapshotRec {
	snapshot_id: string;
	hits: JsonObject[];
	page_size: number;
	warnings: string[];
	created_at: number;
}

export interface MediaGrantRec {
	token: string;
	video_id: string;
	segment_id: string | null;
	expires_at: number;
	filename: string;
	mime_type: string;
}
