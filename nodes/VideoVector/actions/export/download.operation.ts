import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { fetchApiBinary } from '../../../../shared/n8n/binary-download';
import { readAnnouncedBody } from '../../../../shared/n8n/stream-error-body';
import {
	binaryItem,
	outputBinaryFieldProperty,
	readOutputProperty,
	responseFile,
} from '../common/binary-output';
import { EXPORT, locator, locatorValue } from '../common/locators';
import { defineOperation, ItemsResult } from '../operation';

/** Largest artifact the API serves (docs/api/conventions.md#exports). */
const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;

export const download = defineOperation({
	value: 'download',
	name: 'Download',
	action: 'Download an export file',
	description:
		'Download the JSON file of a completed export as a binary file. The transfer is checked against the announced size, so a cut-off file is never returned.',
	endpoints: ['exports.download'],
	properties: [locator(EXPORT), outputBinaryFieldProperty],
	async execute(itemIndex, session) {
		const exportId = locatorValue(this, EXPORT, itemIndex);
		const property = readOutputProperty(this, itemIndex);
		const request = endpointRequest('exports.download', {
			params: { export_id: exportId },
			headers: { Accept: 'application/json' },
		});
		const response = await fetchApiBinary(session, request);
		const file = responseFile(response, `export-${exportId}`, 'application/json');
		const bytes = await readAnnouncedBody(
			this,
			itemIndex,
			response.body,
			response.headers['content-length'],
			MAX_ARTIFACT_BYTES,
			'export file',
		);
		const json = {
			export_id: exportId,
			file_name: file.fileName,
			mime_type: file.mimeType,
			file_size: bytes.length,
		};
		return new ItemsResult([
			await binaryItem(this, itemIndex, property, { ...file, body: bytes }, json),
		]);
	},
});
