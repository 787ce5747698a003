import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isTerminalImportJobStatus } from '../../../../shared/contract/schemas/statuses';
import type { ApiSession } from '../../../../shared/n8n/api-session';
import {
	pollStatusUntilTerminal,
	readWaitSettings,
	waitForCompletionProperties,
} from '../common/wait';

/** Wait for Completion as offered by create, cancel and retry. */
export const importJobWaitProperties = waitForCompletionProperties('import job');

/**
 * The job as the write returned it, or — with Wait for Completion — its final state (completed,
 * failed or cancelled). A job with some failed files still ends `completed`, with `progress.failed`
 * above zero; it is returned, not turned into an error, so the flow can act on the file lists.
 */
export async function importJobResult(
	session: ApiSession<IExecuteFunctions>,
	job: IDataObject,
): Promise<IDataObject> {
	const { context, itemIndex } = session;
	const settings = readWaitSettings(context, itemIndex);
	if (!settings.enabled || isTerminalImportJobStatus(job.status)) return job;
	const jobId = String(job.job_id ?? '');
	return await pollStatusUntilTerminal(session, settings, {
		endpoint: 'import_jobs.get',
		request: { params: { job_id: jobId } },
		isTerminalStatus: isTerminalImportJobStatus,
		describe: `import job ${jobId}`,
	});
}
