import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { INDEX, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';

export const getDeletion = defineOperation({
	value: 'getDeletion',
	name: 'Get Deletion',
	action: 'Get the deletion status of an index',
	description: 'Follow a durable index deletion (pending → in_progress → deleted)',
	endpoints: ['indexes.getDeletion'],
	properties: [locator(INDEX)],
	async execute(itemIndex, session) {
		const indexId = locatorValue(this, INDEX, itemIndex);
		return await callEndpoint(session, 'indexes.getDeletion', { params: { index_id: indexId } });
	},
});
