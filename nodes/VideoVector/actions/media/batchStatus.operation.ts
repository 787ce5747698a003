import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { mediaIdsProperty, readMediaIds } from '../common/media-ids';
import { defineOperation } from '../operation';

const MAX_IDS = 100;

export const batchStatus = defineOperation({
	value: 'batchStatus',
	name: 'Get Many Statuses',
	action: 'Get the processing status of many media items',
	description:
		'Snapshot of the processing status of up to 100 media items (overall status and per-run progress), one output item per media',
	endpoints: ['videos.batchStatus'],
	properties: [mediaIdsProperty(MAX_IDS)],
	async execute(itemIndex, session) {
		const ids = readMediaIds(this, itemIndex, MAX_IDS);
		return await callEndpoint(session, 'videos.batchStatus', { body: { video_ids: ids } });
	},
});
