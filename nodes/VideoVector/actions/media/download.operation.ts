import {
	fetchWithoutCredentials,
	resolveDownloadUrl,
} from '../../../../shared/n8n/binary-download';
import {
	binaryItem,
	mediaTypeOf,
	outputBinaryFieldProperty,
	readOutputProperty,
	responseFile,
} from '../common/binary-output';
import { safeFileName } from '../common/binary-source';
import { defineOperation, ItemsResult } from '../operation';
import { createMediaGrant, grantProperties } from './grant';

export const download = defineOperation({
	value: 'download',
	name: 'Download',
	action: 'Download a media file',
	description:
		'Download the original media file (or one segment of it) as a binary file. A short-lived link is minted and fetched without sending your credentials.',
	endpoints: ['workflow.createMediaGrant'],
	properties: [...grantProperties, outputBinaryFieldProperty],
	async execute(itemIndex, session) {
		const property = readOutputProperty(this, itemIndex);
		const grant = await createMediaGrant(session);
		const url = await resolveDownloadUrl(session, grant.url);
		const response = await fetchWithoutCredentials(this, itemIndex, url);
		const videoId = String(grant.video_id ?? '');
		const file = responseFile(response, videoId || 'media', 'application/octet-stream');
		// The grant's name and type describe the stored file; they win over what the storage host says.
		file.fileName = safeFileName(
			typeof grant.filename === 'string' ? grant.filename : '',
			file.fileName,
		);
		file.mimeType = mediaTypeOf(
			typeof grant.mime_type === 'string' ? grant.mime_type : undefined,
			file.mimeType,
		);
		const json = { video_id: videoId, file_name: file.fileName, mime_type: file.mimeType };
		return new ItemsResult([await binaryItem(this, itemIndex, property, file, json)]);
	},
});
