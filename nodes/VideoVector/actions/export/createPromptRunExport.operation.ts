import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { locator, locatorValue, RUN } from '../common/locators';
import { defineOperation } from '../operation';
import {
	exportOptions,
	exportResult,
	exportWaitProperties,
	readExportBody,
} from './export-settings';

export const createPromptRunExport = defineOperation({
	value: 'createPromptRunExport',
	name: 'Create Prompt Run Export',
	action: 'Export the results of a prompt run',
	description:
		'Start a JSON export of the results of one prompt run, kept for download or written to a connector. Optionally waits until it is ready.',
	endpoints: ['exports.createPromptRunExport', 'exports.get'],
	properties: [
		locator(RUN, { description: 'The prompt run to export' }),
		...exportWaitProperties,
		exportOptions(false),
	],
	async execute(itemIndex, session) {
		const runId = locatorValue(this, RUN, itemIndex);
		const body = readExportBody(this, itemIndex);
		const created = await callEndpoint(session, 'exports.createPromptRunExport', {
			params: { run_id: runId },
			body,
		});
		return await exportResult(session, created);
	},
});
