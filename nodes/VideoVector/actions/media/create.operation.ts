import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { checkText } from '../../../../shared/n8n/text-check';
import { INDEX, locator, locatorValue } from '../common/locators';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';
import { defineOperation } from '../operation';

const GCS_URI = /^gs:\/\/[^/\s]+\/\S+$/;

export const create = defineOperation({
	value: 'create',
	name: 'Create From Storage URI',
	action: 'Register media from a storage URI',
	description:
		'Register a file that already lives in Google Cloud Storage (gs://bucket/path) as a media item of an index, without uploading it',
	endpoints: ['videos.create'],
	properties: [
		{
			displayName: 'Storage URI',
			name: 'videoUri',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. gs://my-bucket/videos/clip.mp4',
			description: 'Cloud Storage URI of the file, of the form gs://bucket/path',
		},
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			required: true,
			default: '',
			description: 'Title of the new media item (1–255 characters)',
		},
		locator(INDEX, { description: 'The index the media item is added to' }),
		optionsCollection([
			{
				displayName: 'Source Connector ID',
				name: 'sourceConnectorId',
				type: 'string',
				default: '',
				placeholder: 'e.g. conn_abc123',
				description:
					'Your GCS connector that can read a private object; leave empty for objects the service can read',
			},
		]),
	],
	async execute(itemIndex, session) {
		const videoUri = String(this.getNodeParameter('videoUri', itemIndex, '') ?? '').trim();
		if (!GCS_URI.test(videoUri)) {
			throw new NodeOperationError(
				this.getNode(),
				'Storage URI must look like gs://bucket/path/to/file',
				{ itemIndex },
			);
		}
		const title = checkText(
			this,
			itemIndex,
			this.getNodeParameter('title', itemIndex, ''),
			'Title',
			{ min: 1, max: 255 },
		);
		const body: IDataObject = {
			title,
			video_uri: videoUri,
			index_id: locatorValue(this, INDEX, itemIndex),
		};
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const connectorId = String(options.sourceConnectorId ?? '').trim();
		if (connectorId) body.source_connector_id = connectorId;
		return await callEndpoint(session, 'videos.create', { body });
	},
});
