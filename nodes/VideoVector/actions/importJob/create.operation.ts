import type { IDataObject } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { fileSelectionProperties, readFileSelection } from '../common/bucket-file-selection';
import { chosenOption } from '../common/collection-values';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { CONNECTOR, INDEX, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';
import { importJobResult, importJobWaitProperties } from './import-job-wait';

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
		...importJobWaitProperties,
		optionsWithIdempotencyKey([
			...fileSelectionProperties,
			{
				displayName: 'Import Mode',
				name: 'importModeOverride',
				type: 'options',
				options: [
					{
						name: 'All Files',
						value: 'all',
						description: 'Import every matching file, also ones imported before',
					},
					{ name: 'Connector Default', value: '', description: "Use the connector's import mode" },
					{ name: 'New Files Only', value: 'new_only', description: 'Skip files imported before' },
				],
				default: '',
				description: "Overrides the connector's import mode for this job",
			},
		]),
	],
	async execute(itemIndex, session) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const connectorId = locatorValue(this, CONNECTOR, itemIndex);
		const indexId = locatorValue(this, INDEX, itemIndex);
		const files = readFileSelection(options);
		const body: IDataObject = {
			connector_id: connectorId,
			index_id: indexId,
			source_prefix: files.prefix,
			file_pattern: files.pattern,
			recursive: files.recursive,
		};
		const importMode = chosenOption(options.importModeOverride);
		if (importMode) body.import_mode_override = importMode;
		const job = await callEndpoint(session, 'import_jobs.create', { body });
		return await importJobResult(session, job);
	},
});
