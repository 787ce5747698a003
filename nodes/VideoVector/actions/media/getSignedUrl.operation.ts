import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { defineOperation } from '../operation';

export const getSignedUrl = defineOperation({
	value: 'getSignedUrl',
	name: 'Get Signed URL',
	action: 'Get a signed URL for a storage URI',
	description:
		'Exchange a gs:// URI returned by the API (media, segment, thumbnail or GIF) for a time-limited https URL that can be opened without credentials',
	endpoints: ['videos.getSignedUrl'],
	properties: [
		{
			displayName: 'Storage URI',
			name: 'gcsUri',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. gs://bucket/path/to/file',
			description: 'The gs:// URI to sign, e.g. the storage URI of a segment',
		},
		{
			displayName: 'Force Refresh',
			name: 'forceRefresh',
			type: 'boolean',
			default: false,
			description:
				'Whether to mint a new URL even if a valid one exists; only needed to replace a URL whose download allowance is used up',
		},
	],
	async execute(itemIndex, session) {
		const gcsUri = String(this.getNodeParameter('gcsUri', itemIndex, '') ?? '').trim();
		if (!gcsUri.startsWith('gs://')) {
			throw new NodeOperationError(this.getNode(), 'Storage URI must start with gs://', {
				itemIndex,
			});
		}
		const body: IDataObject = { gcs_uri: gcsUri };
		if (this.getNodeParameter('forceRefresh', itemIndex, false) === true) body.force_refresh = true;
		return await callEndpoint(session, 'videos.getSignedUrl', { body });
	},
});
