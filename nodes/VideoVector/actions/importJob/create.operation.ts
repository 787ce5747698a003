import type { IDataObject } from 'n8n-workflow';

import { callEndpoint } from '../common/call';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { CONNECTOR, INDEX, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';
import { importJobResult, importJobWaitProperties } from './importJobWait';

export const create = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Import media from a connector',
	description:
		'Start a bulk import of media files from a connected bucket into an index. Optionally wait until the job has finished.',
	endpoints: ['import_jobs.create', 'import_jobs.get'],
	properties: [
		locator(CONNECTOR, { description: 'The cloud storage connector to import from' }),
		locator(INDEX, { description: 'The index the imported media are added to' }),
		{
			displayName: 'Source Prefix',
			name: 'sourcePrefix',
			type: 'string',
			default: '',
			placeholder: 'videos/2026/',
			description: 'Only import files whose path starts with this folder or prefix. Empty: the whole bucket.',
		},
		{
			displayName: 'File Pattern',
			name: 'filePattern',
			type: 'string',
			default: '*',
			placeholder: '*.mp4',
			description: 'Glob pattern the file name must match',
		},
		{
			displayName: 'Recursive',
			name: 'recursive',
			type: 'boolean',
			default: true,
			description: 'Whether to include files in sub-folders of the prefix',
		},
		...importJobWaitProperties,
		optionsWithIdempotencyKey([
			{
				displayName: 'Import Mode',
				name: 'importModeOverride',
				type: 'options',
				options: [
					{ name: 'All Files', value: 'all', description: 'Import every matching file, also ones imported before' },
					{ name: 'Connector Default', value: '', description: "Use the connector's import mode" },
					{ name: 'New Files Only', value: 'new_only', description: 'Skip files imported before' },
				],
				default: '',
				description: "Overrides the connector's import mode for this job",
			},
		]),
	],
	async execute(itemIndex) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const body: IDataObject = {
			connector_id: locatorValue(this, CONNECTOR, itemIndex),
			index_id: locatorValue(this, INDEX, itemIndex),
			source_prefix: String(this.getNodeParameter('sourcePrefix', itemIndex, '') ?? '').trim(),
			file_pattern: String(this.getNodeParameter('filePattern', itemIndex, '*') ?? '').trim() || '*',
			recursive: this.getNodeParameter('recursive', itemIndex, true) as boolean,
		};
		if (typeof options.importModeOverride === 'string' && options.importModeOverride) {
			body.import_mode_override = options.importModeOverride;
		}
		const job = await callEndpoint(this, itemIndex, 'import_jobs.create', { body });
		return await importJobResult(this, itemIndex, job);
	},
});
