import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { defineOperation } from '../operation';
import { importJobResult, importJobWaitProperties } from './import-job-wait';
import { jobIdProperty, readJobId } from './job-id-property';

export const retry = defineOperation({
	value: 'retry',
	name: 'Retry',
	action: 'Retry an import job',
	description: 'Run a failed or cancelled import job again. Optionally wait until it has finished.',
	endpoints: ['import_jobs.retry', 'import_jobs.get'],
	properties: [jobIdProperty, ...importJobWaitProperties, optionsWithIdempotencyKey()],
	async execute(itemIndex, session) {
		const job = await callEndpoint(session, 'import_jobs.retry', {
			params: { job_id: readJobId(this, itemIndex) },
		});
		return await importJobResult(session, job);
	},
});
