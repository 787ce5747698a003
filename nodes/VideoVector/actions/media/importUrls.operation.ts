import type { IDataObject } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { importJobResult, importJobWaitProperties } from '../importJob/import-job-wait';
import { defineOperation } from '../operation';
import { destinationProperties, readDestination } from './destination';
import { importFilesProperties, readImportFiles } from './import-files';
import { readTitle, titleProperty } from './upload-fields';

export const importUrls = defineOperation({
	value: 'importUrls',
	name: 'Import From URLs',
	action: 'Import media files from URLs',
	description:
		'Have the service download media files from http(s) URLs into an index or the playground. Returns the import job; optionally waits until it has finished.',
	endpoints: ['workflow.importUrls', 'import_jobs.get'],
	properties: [
		...importFilesProperties,
		...destinationProperties('media'),
		...importJobWaitProperties,
		optionsWithIdempotencyKey([titleProperty]),
	],
	async execute(itemIndex, session) {
		const files = readImportFiles(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const title = readTitle(this, itemIndex, options.title ?? '');
		const body = { files, ...readDestination(this, itemIndex), ...(title ? { title } : {}) };
		const job = await callEndpoint(session, 'workflow.importUrls', { body });
		return await importJobResult(session, job);
	},
});
