/**
 * Status vocabularies and "is it over?" checks for everything the kit polls. Comparisons are
 * case-insensitive because the sources disagree on case (docs/api/conventions.md#media-status-case, docs/api/conventions.md#import-status-case).
 */

export const RUN_STATUSES = [
	'pending',
	'processing',
	'completed',
	'completed_with_failures',
	'failed',
	'cancelled',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * The terminal statuses of docs/api/conventions.md#run-model-and-statuses plus the fixture's `partial_completed` (docs/api/conventions.md#run-status-names): it names the same
 * outcome as `completed_with_failures`, and treating it as running would make pollers spin forever.
 */
const TERMINAL_RUN = new Set([
	'completed',
	'completed_with_failures',
	'failed',
	'cancelled',
	'partial_completed',
]);

export const IMPORT_JOB_STATUSES = [
	'pending',
	'scanning',
	'importing',
	'completed',
	'failed',
	'cancelled',
] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];
const TERMINAL_IMPORT_JOB = new Set(['completed', 'failed', 'cancelled']);

export const EXPORT_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];
const TERMINAL_EXPORT = new Set(['completed', 'failed']);

export const EXPORT_QUEUE_STATUSES = [
	'queued',
	'leased',
	'running',
	'failed',
	'succeeded',
	'dead_letter',
] as const;

/** Media status (docs/api/conventions.md#media-item-model); the emulator and MCP spell it upper case, the SDK lower case. */
export const VIDEO_STATUSES = ['NOT_PROCESSED', 'PROCESSING', 'PROCESSED', 'FAILED'] as const;
export type VideoStatus = (typeof VIDEO_STATUSES)[number];
const TERMINAL_VIDEO = new Set(['processed', 'failed']);

export const SEGMENT_RETRY_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;
const TERMINAL_SEGMENT_RETRY = new Set(['completed', 'failed']);

/** Index/media deletion (docs/api/conventions.md#indexes, docs/api/conventions.md#media): `deleted` is the documented end; `failed` is inferred so a poller cannot hang. */
export const DELETION_STATUSES = ['pending', 'in_progress', 'deleted'] as const;
const TERMINAL_DELETION = new Set(['deleted', 'failed']);

export const WEBHOOK_STATUSES = ['active', 'paused', 'disabled'] as const;
export const WEBHOOK_DELIVERY_STATUSES = [
	'pending',
	'processing',
	'delivered',
	'failed',
	'retrying',
] as const;
export const CONNECTOR_STATUSES = ['active', 'testing', 'failed', 'disabled'] as const;
export const CHAT_TURN_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
const TERMINAL_CHAT_TURN = new Set(['completed', 'failed']);

function inSet(set: ReadonlySet<string>, status: unknown): boolean {
	return typeof status === 'string' && set.has(status.toLowerCase());
}

export const isTerminalRunStatus = (status: unknown): boolean => inSet(TERMINAL_RUN, status);
export const isTerminalImportJobStatus = (status: unknown): boolean =>
	inSet(TERMINAL_IMPORT_JOB, status);
export const isTerminalExportStatus = (status: unknown): boolean => inSet(TERMINAL_EXPORT, status);
export const isTerminalVideoStatus = (status: unknown): boolean => inSet(TERMINAL_VIDEO, status);
export const isTerminalSegmentRetryStatus = (status: unknown): boolean =>
	inSet(TERMINAL_SEGMENT_RETRY, status);
export const isTerminalDeletionStatus = (status: unknown): boolean =>
	inSet(TERMINAL_DELETION, status);
export const isTerminalChatTurnStatus = (status: unknown): boolean =>
	inSet(TERMINAL_CHAT_TURN, status);

const SEARCHABLE_RUN = new Set(['completed', 'completed_with_failures', 'partial_completed']);

/** A run whose results can be searched and fetched (docs/api/conventions.md#workflow-surface: completed, also with failures). */
export const isSearchableRunStatus = (status: unknown): boolean => inSet(SEARCHABLE_RUN, status);
