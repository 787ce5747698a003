import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { requiredText } from '../common/required-text';
import { defineOperation } from '../operation';

export const remove = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a marker',
	description: 'Remove a marker by its ID',
	endpoints: ['markers.delete'],
	properties: [
		{
			displayName: 'Marker ID',
			name: 'markerId',
			type: 'string',
			required: true,
			default: '',
			description: 'ID of the marker, e.g. from Get Many or from a marker field of a result',
		},
	],
	async execute(itemIndex, session) {
		const markerId = requiredText(this, itemIndex, 'markerId', 'Marker ID');
		return await callEndpoint(session, 'markers.delete', { params: { marker_id: markerId } });
	},
});
