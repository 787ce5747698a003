import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locator, locatorValue, PROMPT } from '../common/locators';
import { mediaScopeProperties, readMediaScope } from '../common/media-scope';
import { readExecutionSettings, segmentationProperties } from './execution-settings';

/**
 * The ExecuteRequest form (contract §11.1), one definition for Execute and Estimate: the estimate is
 * a dry run of exactly the request Execute would send.
 */
export const executeFormProperties: INodeProperties[] = [
	locator(PROMPT),
	...mediaScopeProperties('target', ['index', 'videos', 'playground'], 'the run'),
	...segmentationProperties,
];

function targetOf(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const scope = readMediaScope(context, itemIndex, 'target');
	switch (scope.kind) {
		case 'index':
			return { type: 'index', index_id: scope.indexId };
		case 'videos':
			return scope.indexId
				? { type: 'videos', video_ids: scope.videoIds, index_id: scope.indexId }
				: { type: 'videos', video_ids: scope.videoIds };
		default:
			return { type: 'playground' };
	}
}

export function readExecuteRequest(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return {
		prompt_id: locatorValue(context, PROMPT, itemIndex),
		target: targetOf(context, itemIndex),
		...readExecutionSettings(context, itemIndex),
	};
}
