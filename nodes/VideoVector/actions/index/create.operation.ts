import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { defineOperation } from '../operation';

export const create = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create an index',
	description: 'Create an empty index to upload or import media into',
	endpoints: ['indexes.create'],
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			description: 'Name of the new index (1–255 characters)',
		},
		optionsWithIdempotencyKey(),
	],
	async execute(itemIndex, session) {
		const name = this.getNodeParameter('name', itemIndex) as string;
		return await callEndpoint(session, 'indexes.create', { body: { name } });
	},
});
