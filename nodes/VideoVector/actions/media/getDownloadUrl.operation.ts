import { defineOperation } from '../operation';
import { createMediaGrant, grantProperties } from './grant';

export const getDownloadUrl = defineOperation({
	value: 'getDownloadUrl',
	name: 'Get Download URL',
	action: 'Get a short-lived download URL for a media item',
	description:
		'Mint a short-lived URL that downloads the original media file (or one segment of it) without credentials. Treat the URL as a secret. Use Download to get the file itself.',
	endpoints: ['workflow.createMediaGrant'],
	properties: grantProperties,
	async execute(_itemIndex, session) {
		return await createMediaGrant(session);
	},
});
