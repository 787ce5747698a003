/**
 * The status changes the Poll Trigger watches, as the processing event types that announce them
 * (contract §16.2 names, carried by the event stream of §20). Progress events are left out: they
 * are not a change of status.
 */
export type WatchedResource = 'promptRun' | 'importJob' | 'export' | 'media';

export interface StatusChange {
	/** The processing event type, also the parameter value. */
	eventType: string;
	resource: WatchedResource;
	/** The resource's status after the change, as its own API object spells it. */
	status: string;
	name: string;
}

export const STATUS_CHANGES: readonly StatusChange[] = [
	{
		eventType: 'prompt_run.started',
		resource: 'promptRun',
		status: 'processing',
		name: 'Prompt Run: Started (Processing)',
	},
	{
		eventType: 'prompt_run.completed',
		resource: 'promptRun',
		status: 'completed',
		name: 'Prompt Run: Completed',
	},
	{
		eventType: 'prompt_run.partial_completed',
		resource: 'promptRun',
		status: 'completed_with_failures',
		name: 'Prompt Run: Completed With Failures',
	},
	{
		eventType: 'prompt_run.failed',
		resource: 'promptRun',
		status: 'failed',
		name: 'Prompt Run: Failed',
	},
	{
		eventType: 'prompt_run.cancelled',
		resource: 'promptRun',
		status: 'cancelled',
		name: 'Prompt Run: Cancelled',
	},
	{
		eventType: 'import_job.started',
		resource: 'importJob',
		status: 'importing',
		name: 'Import Job: Started',
	},
	{
		eventType: 'import_job.completed',
		resource: 'importJob',
		status: 'completed',
		name: 'Import Job: Completed',
	},
	{
		eventType: 'import_job.partial_completed',
		resource: 'importJob',
		status: 'completed',
		name: 'Import Job: Completed With Failed Files',
	},
	{
		eventType: 'import_job.failed',
		resource: 'importJob',
		status: 'failed',
		name: 'Import Job: Failed',
	},
	{
		eventType: 'export.ready',
		resource: 'export',
		status: 'completed',
		name: 'Export: Ready (Completed)',
	},
	{ eventType: 'export.failed', resource: 'export', status: 'failed', name: 'Export: Failed' },
	{
		eventType: 'media.created',
		resource: 'media',
		status: 'NOT_PROCESSED',
		name: 'Media: Created',
	},
	{
		eventType: 'media.processing.started',
		resource: 'media',
		status: 'PROCESSING',
		name: 'Media: Processing Started',
	},
	{
		eventType: 'media.processing.completed',
		resource: 'media',
		status: 'PROCESSED',
		name: 'Media: Processed',
	},
	{
		eventType: 'media.processing.failed',
		resource: 'media',
		status: 'FAILED',
		name: 'Media: Processing Failed',
	},
];

/**
 * Every watched event type. The trigger asks the server for all of them whatever the user picked, so
 * its stored position moves with any status change of the account and does not fall out of the
 * server's retention window while the picked kinds are quiet (§20: 10,000 events or 24 h).
 */
export const STATUS_EVENT_TYPES: readonly string[] = STATUS_CHANGES.map(
	(change) => change.eventType,
);

export function statusChangeOf(eventType: string): StatusChange | undefined {
	return STATUS_CHANGES.find((change) => change.eventType === eventType);
}
