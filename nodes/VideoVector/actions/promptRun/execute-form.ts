import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locator, locatorValue, PROMPT } from '../common/locators';
import {
	mediaScopeBody,
	mediaScopeProperties,
	readMediaScope,
	type MediaScopeSpec,
} from '../common/media-scope';
import { readExecutionSettings } from './execution-settings';

const TARGET: MediaScopeSpec = {
	parameter: 'target',
	kinds: ['index', 'videos', 'playground'],
	what: 'the run',
	containingIndex: true,
};

/**
 * The ExecuteRequest form (docs/api/conventions.md#execute-request), one definition for Execute and Estimate: the estimate is
 * a dry run of exactly the request Execute would send.
 */
export const executeFormProperties: INodeProperties[] = [
	locator(PROMPT),
	...mediaScopeProperties(TARGET),
];

/** A run target names its kind (`index`, `videos`, `playground`) next to the usual scope fields. */
function targetOf(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const scope = readMediaScope(context, itemIndex, TARGET);
	return { type: scope.kind, ...mediaScopeBody(scope) };
}

export function readExecuteRequest(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return {
		prompt_id: locatorValue(context, PROMPT, itemIndex),
		target: targetOf(context, itemIndex),
		...readExecutionSettings(context, itemIndex),
	};
}
