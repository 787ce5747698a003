import type { IExecuteFunctions } from 'n8n-workflow';

import { uploadMultipart } from '../../../../shared/n8n/binary-upload';
import { inputBinaryFieldProperty, readBinarySource } from '../common/binary-source';
import { INDEX, locator } from '../common/locators';
import { defineOperation } from '../operation';
import { readTitle, titleFromFileName, titleProperty } from './upload-fields';

/** The optional index: empty means the playground (contract §8: omit `index_id`). */
function readOptionalIndex(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = context.getNodeParameter(INDEX.name, itemIndex, '', { extractValue: true });
	return String(value ?? '').trim() || undefined;
}

export const uploadCore = defineOperation({
	value: 'uploadCore',
	name: 'Upload (Core Endpoint)',
	action: 'Upload a media file through the core endpoint',
	description:
		'Upload a file from an input binary field through POST /videos/upload, as the SDK does. Sent exactly once (the endpoint takes no idempotency key, so it is never retried automatically); prefer Upload unless you need this endpoint.',
	endpoints: ['videos.upload'],
	properties: [
		inputBinaryFieldProperty,
		locator(INDEX, {
			required: false,
			description: 'The index that receives the media. Leave empty to upload into the playground.',
		}),
		titleProperty,
	],
	async execute(itemIndex, session) {
		const indexId = readOptionalIndex(this, itemIndex);
		const title = readTitle(this, itemIndex);
		const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
		const source = await readBinarySource(this, itemIndex, property);
		const fields = { title: title ?? titleFromFileName(source.fileName), index_id: indexId };
		return await uploadMultipart(session, 'videos.upload', fields, source);
	},
});
