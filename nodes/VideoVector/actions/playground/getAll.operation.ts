import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executeCursorList, returnAllOrLimit } from '../common/list';
import { defineOperation } from '../operation';

export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many playground media',
	description: 'List your media that belong to no index (the playground), page by page',
	endpoints: ['videos.listPlayground'],
	properties: [...returnAllOrLimit()],
	async execute(_itemIndex, session) {
		return await executeCursorList(session, endpointRequest('videos.listPlayground', {}));
	},
});
