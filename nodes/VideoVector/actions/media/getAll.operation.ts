import { endpointRequest } from '../../../../shared/contract/endpoint-request';
import { executeCursorList, returnAllOrLimit } from '../common/list';
import { INDEX, locator, locatorValue } from '../common/locators';
import { defineOperation } from '../operation';

/**
 * One list for every media a user can have: those of an index, or those of the playground (media
 * kept outside any index). The two are different endpoints with the same cursor pages.
 */
export const getAll = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many media items',
	description:
		'List the videos, audio and images of an index, or of the playground (media outside any index), page by page',
	endpoints: ['indexes.listVideos', 'videos.listPlayground'],
	properties: [
		{
			displayName: 'Media In',
			name: 'mediaIn',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Index', value: 'index', description: 'The media of an index' },
				{
					name: 'Playground',
					value: 'playground',
					description: 'Media kept outside any index, e.g. to try prompts on',
				},
			],
			default: 'index',
		},
		locator(INDEX, {
			description: 'The index whose media are listed',
			displayOptions: { show: { mediaIn: ['index'] } },
		}),
		...returnAllOrLimit(),
	],
	async execute(itemIndex, session) {
		if (this.getNodeParameter('mediaIn', itemIndex, 'index') === 'playground')
			return await executeCursorList(session, endpointRequest('videos.listPlayground', {}));
		const indexId = locatorValue(this, INDEX, itemIndex);
		const request = endpointRequest('indexes.listVideos', { params: { index_id: indexId } });
		return await executeCursorList(session, request);
	},
});
