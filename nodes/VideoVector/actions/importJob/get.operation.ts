import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { defineOperation } from '../operation';
import { jobIdProperty, readJobId } from './job-id-property';

export const get = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get an import job',
	description:
		'Retrieve the status and progress of an import job, with the imported media IDs and failed or skipped files',
	endpoints: ['import_jobs.get'],
	properties: [jobIdProperty],
	async execute(itemIndex, session) {
		return await callEndpoint(session, 'import_jobs.get', {
			params: { job_id: readJobId(this, itemIndex) },
		});
	},
});
