import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inputBinaryFieldProperty } from '../common/binary-source';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { defineOperation } from '../operation';
import { destinationProperties, readDestination } from './destination';
import { readTitle, titleProperty, uploadOnce, uploadToWorkflow } from './upload-fields';

const SINGLE_ATTEMPT = 'singleAttempt';

export const upload = defineOperation({
	value: 'upload',
	name: 'Upload',
	action: 'Upload a media file',
	description:
		'Upload a video, audio or image file from an input binary field into an index (picked, or found/created by name) or the playground. The file is streamed, so large files are fine.',
	endpoints: ['workflow.upload', 'videos.upload'],
	properties: [
		inputBinaryFieldProperty,
		...destinationProperties('media'),
		optionsWithIdempotencyKey([
			titleProperty,
			{
				displayName: 'Upload Method',
				name: 'uploadMethod',
				type: 'options',
				options: [
					{
						name: 'Safe Retry',
						value: 'safeRetry',
						description:
							'Retried after a lost connection without creating a second media item (recommended)',
					},
					{
						name: 'Single Attempt',
						value: SINGLE_ATTEMPT,
						description:
							'Sent exactly once and never retried automatically; ignores Idempotency Key and cannot use Index by Name',
					},
				],
				default: 'safeRetry',
				description: 'How the file is sent',
			},
		]),
	],
	async execute(itemIndex, session) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const destination = readDestination(this, itemIndex);
		const title = readTitle(this, itemIndex, options.title ?? '');
		if (options.uploadMethod !== SINGLE_ATTEMPT)
			return await uploadToWorkflow(session, destination, title);
		if (destination.index_name !== undefined)
			throw new NodeOperationError(
				this.getNode(),
				'Upload Method "Single Attempt" cannot find an index by name',
				{
					itemIndex,
					description:
						'Choose Destination "Existing Index" or "Playground", or Upload Method "Safe Retry".',
				},
			);
		return await uploadOnce(session, destination.index_id, title);
	},
});
