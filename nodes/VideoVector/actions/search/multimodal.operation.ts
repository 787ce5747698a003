import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { keyedEndpointRequest } from '../../../../shared/n8n/keyed-request';
import { readBinaryAsBase64 } from '../common/binary-base64';
import { checkNumber } from '../common/checked-parameters';
import { checkText } from '../../../../shared/n8n/text-check';
import { INDEX, locator, locatorValue } from '../common/locators';
import { optionsCollection } from '../../../../shared/n8n/parameter-collections';
import { defineOperation } from '../operation';
import { optionalImageField } from './image-input';
import {
	indexIdsOption,
	readScopeOptions,
	runIdsOption,
	searchFieldsOption,
} from './search-options';
import { executeSearch } from './search-results';
import { readTopK, topKProperty } from './top-k';

/** 1 − w without binary noise (0.7 → 0.3, not 0.30000000000000004). */
function complement(weight: number): number {
	return Math.round((1 - weight) * 1e6) / 1e6;
}

export const multimodal = defineOperation({
	value: 'multimodal',
	name: 'Multimodal Search',
	action: 'Search an index by text and image',
	description:
		'Search with a text query, an image from the input binary data, or both, fused by rank. Text Weight sets the balance (image weight = 1 − text weight). Returns one item per match with its fused, text and image scores and how it matched.',
	endpoints: ['search.multimodal'],
	properties: [
		locator(INDEX),
		{
			displayName: 'Text Query',
			name: 'textQuery',
			type: 'string',
			default: '',
			description: 'What to look for in words; leave empty to search by image only',
		},
		optionalImageField,
		{
			displayName: 'Text Weight',
			name: 'textWeight',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0.5,
			description: 'Share of the text match in the ranking, 0–1; the image gets the rest',
		},
		topKProperty(20, 100),
		optionsCollection([indexIdsOption, runIdsOption, searchFieldsOption]),
	],
	async execute(itemIndex, session) {
		const indexId = locatorValue(this, INDEX, itemIndex);
		const textQuery = checkText(
			this,
			itemIndex,
			this.getNodeParameter('textQuery', itemIndex, ''),
			'Text Query',
		);
		const property = String(
			this.getNodeParameter('binaryPropertyName', itemIndex, '') ?? '',
		).trim();
		if (!textQuery && !property) {
			throw new NodeOperationError(
				this.getNode(),
				'Give a Text Query, an Input Binary Field with an image, or both',
				{ itemIndex },
			);
		}
		const textWeight = checkNumber(
			this,
			itemIndex,
			this.getNodeParameter('textWeight', itemIndex, 0.5),
			'Text Weight',
			0,
			1,
		);
		const body: IDataObject = {
			top_k: readTopK(this, itemIndex, 20, 100),
			text_weight: textWeight,
			image_weight: complement(textWeight),
			...readScopeOptions(this, itemIndex),
		};
		if (textQuery) body.text_query = textQuery;
		if (property) body.image_data = await readBinaryAsBase64(this, itemIndex, property);
		const request = keyedEndpointRequest(
			this,
			itemIndex,
			'search.multimodal',
			{ params: { index_id: indexId }, body },
			true,
		);
		return await executeSearch(session, request);
	},
});
