import { keyedEndpointRequest } from '../../../../shared/n8n/keyed-request';
import { readBinaryAsBase64 } from '../common/binary-base64';
import { INDEX, locator, locatorValue } from '../common/locators';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';
import { defineOperation } from '../operation';
import { requiredImageField } from './image-input';
import { indexIdsOption, readScopeOptions, runIdsOption } from './search-options';
import { executeSearch } from './search-results';
import { readTopK, topKProperty } from './top-k';

export const image = defineOperation({
	value: 'image',
	name: 'Image Search',
	action: 'Search an index by image',
	description:
		'Find segments that look like an image from the input binary data. Returns one item per match with similarity and matched-image scores.',
	endpoints: ['search.image'],
	properties: [
		locator(INDEX),
		requiredImageField,
		topKProperty(20, 100),
		optionsCollection([indexIdsOption, runIdsOption]),
	],
	async execute(itemIndex, session) {
		const indexId = locatorValue(this, INDEX, itemIndex);
		const topK = readTopK(this, itemIndex, 20, 100);
		const scope = readScopeOptions(this, itemIndex);
		const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
		const body = {
			image_data: await readBinaryAsBase64(this, itemIndex, property),
			top_k: topK,
			...scope,
		};
		const request = keyedEndpointRequest(
			this,
			itemIndex,
			'search.image',
			{ params: { index_id: indexId }, body },
			true,
		);
		return await executeSearch(session, request);
	},
});
