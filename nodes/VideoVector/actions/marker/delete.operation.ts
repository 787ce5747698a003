import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { deletedOutput } from '../common/deleted-output';
import { locator, locatorValue, MARKER } from '../common/locators';
import { defineOperation } from '../operation';

export const remove = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a marker',
	description: 'Remove a marker by its ID',
	endpoints: ['markers.delete'],
	properties: [locator(MARKER)],
	async execute(itemIndex, session) {
		const markerId = locatorValue(this, MARKER, itemIndex);
		await callEndpoint(session, 'markers.delete', { params: { marker_id: markerId } });
		return deletedOutput(markerId);
	},
});
