import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { deletedOutput } from '../common/deleted-output';
import { INDEX, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';

export const remove = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete an index',
	description:
		'Start (or resume) the durable deletion of an index and all its media. Needs an admin key. Returns the deletion status; use Get Deletion to follow it.',
	endpoints: ['indexes.delete'],
	properties: [locator(INDEX)],
	async execute(itemIndex, session) {
		const indexId = locatorValue(this, INDEX, itemIndex);
		const answer = await callEndpoint(session, 'indexes.delete', { params: { index_id: indexId } });
		return deletedOutput(indexId, answer);
	},
});
