import { inputBinaryFieldProperty } from '../common/binary-source';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { defineOperation } from '../operation';
import { destinationProperties, readDestination } from './destination';
import { titleProperty, uploadToWorkflow } from './upload-fields';

export const upload = defineOperation({
	value: 'upload',
	name: 'Upload',
	action: 'Upload a media file',
	description:
		'Upload a video, audio or image file from an input binary field into an index (picked, or found/created by name) or the playground. The file is streamed, so large files are fine.',
	endpoints: ['workflow.upload'],
	properties: [
		inputBinaryFieldProperty,
		...destinationProperties('media'),
		titleProperty,
		optionsWithIdempotencyKey(),
	],
	async execute(itemIndex, session) {
		return await uploadToWorkflow(session, readDestination(this, itemIndex));
	},
});
