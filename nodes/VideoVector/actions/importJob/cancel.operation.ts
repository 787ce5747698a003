import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { defineOperation } from '../operation';
import { importJobResult, importJobWaitProperties } from './import-job-wait';
import { jobIdProperty, readJobId } from './job-id-property';

export const cancel = defineOperation({
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel an import job',
	description:
		'Stop a running import job. Files already imported stay. Optionally wait until it has stopped.',
	endpoints: ['import_jobs.cancel', 'import_jobs.get'],
	properties: [jobIdProperty, ...importJobWaitProperties, optionsWithIdempotencyKey()],
	async execute(itemIndex, session) {
		const job = await callEndpoint(session, 'import_jobs.cancel', {
			params: { job_id: readJobId(this, itemIndex) },
		});
		return await importJobResult(session, job);
	},
});
