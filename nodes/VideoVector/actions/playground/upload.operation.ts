import { inputBinaryFieldProperty } from '../common/binary-source';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { titleProperty, uploadToWorkflow } from '../media/upload-fields';
import { defineOperation } from '../operation';

export const upload = defineOperation({
	value: 'upload',
	name: 'Upload',
	action: 'Upload a media file to the playground',
	description:
		'Upload a video, audio or image file from an input binary field into the playground (no index), e.g. to try prompts on it. The file is streamed.',
	endpoints: ['workflow.upload'],
	properties: [inputBinaryFieldProperty, titleProperty, optionsWithIdempotencyKey()],
	async execute(_itemIndex, session) {
		return await uploadToWorkflow(session, {});
	},
});
