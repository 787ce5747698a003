import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { INDEX, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';
import {
	exportOptions,
	exportResult,
	exportWaitProperties,
	readExportBody,
} from './export-settings';

export const createIndexExport = defineOperation({
	value: 'createIndexExport',
	name: 'Create Index Export',
	action: 'Export the metadata of an index',
	description:
		'Start a JSON export of the extracted metadata of an index, kept for download or written to a connector. Optionally waits until it is ready.',
	endpoints: ['exports.createIndexExport', 'exports.get'],
	properties: [
		locator(INDEX, { description: 'The index to export' }),
		...exportWaitProperties,
		exportOptions(true),
	],
	async execute(itemIndex, session) {
		const indexId = locatorValue(this, INDEX, itemIndex);
		const body = readExportBody(this, itemIndex);
		const created = await callEndpoint(session, 'exports.createIndexExport', {
			params: { index_id: indexId },
			body,
		});
		return await exportResult(session, created);
	},
});
