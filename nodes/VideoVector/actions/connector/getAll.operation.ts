import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executePlainList, returnAllOrLimit } from '../common/list';
import { defineOperation } from '../operation';

export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many connectors',
	description:
		'List the cloud storage connectors of the account (S3, GCS, Azure), without their secrets',
	endpoints: ['connectors.list'],
	properties: [...returnAllOrLimit()],
	async execute(_itemIndex, session) {
		return await executePlainList(session, endpointRequest('connectors.list', {}));
	},
});
