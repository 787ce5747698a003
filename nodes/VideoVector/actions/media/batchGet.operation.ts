import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { mediaIdsProperty, readMediaIds } from '../common/media-ids';
import { defineOperation } from '../operation';

const MAX_IDS = 100;

export const batchGet = defineOperation({
	value: 'batchGet',
	name: 'Get Many by ID',
	action: 'Get many media items by ID',
	description:
		'Retrieve up to 100 media items in one call, with their preview GIF and first thumbnail inline (base64). Returns one item per media found.',
	endpoints: ['videos.batchGet'],
	properties: [mediaIdsProperty(MAX_IDS)],
	async execute(itemIndex, session) {
		const ids = readMediaIds(this, itemIndex, MAX_IDS);
		return await callEndpoint(session, 'videos.batchGet', { body: { video_ids: ids } });
	},
});
