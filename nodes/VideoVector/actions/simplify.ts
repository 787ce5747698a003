import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { runsAsTool } from '../../../shared/n8n/tool-guard';
import { ItemsResult, type OperationResult } from './operation';
import { SIMPLIFIED_OUTPUTS } from './simplified-outputs';

/**
 * n8n's "Simplify" switch on the operations whose output has more than ten fields
 * (`simplified-outputs.ts` says which, and what they keep).
 *
 * The default differs between the node and its AI-tool variant, through n8n's own parameter model:
 * two parameters of the same name, one shown only on the tool variant (`@tool`, on by default: a
 * long JSON fills the model's context) and one on the plain node. The plain node keeps the whole
 * answer unless asked, so its output matches the API reference field for field; n8n's guideline
 * would default it on, which is a deliberate difference (see the README's Simplify entry).
 */

export const SIMPLIFY_PARAMETER = 'simplify';

const DESCRIPTION =
	'Whether to return a simplified version of the response instead of the raw data';

/** The Simplify parameter of one operation: on by default on the tool variant, off on the node. */
export const simplifyProperties: INodeProperties[] = [
	{
		displayName: 'Simplify',
		name: SIMPLIFY_PARAMETER,
		type: 'boolean',
		default: false,
		description: DESCRIPTION,
		displayOptions: { hide: { '@tool': [true] } },
	},
	{
		displayName: 'Simplify',
		name: SIMPLIFY_PARAMETER,
		type: 'boolean',
		default: true,
		description: DESCRIPTION,
		displayOptions: { show: { '@tool': [true] } },
	},
];

/**
 * Whether this item's output is simplified. n8n fills the parameter with the default of the
 * variant that runs; the fallback (a node without the stored parameter) follows the same rule.
 */
export function readSimplify(context: IExecuteFunctions, itemIndex: number): boolean {
	return context.getNodeParameter(SIMPLIFY_PARAMETER, itemIndex, runsAsTool(context)) === true;
}

/**
 * Keeps the listed fields of one output item, in the list's order. An item carrying `error` (a
 * failed run under "Continue On Fail") stays whole: the failure is what the workflow needs.
 */
export function simplifyItem(json: IDataObject, fields: readonly string[]): IDataObject {
	if (json.error !== undefined) return json;
	const simplified: IDataObject = {};
	for (const field of fields) if (json[field] !== undefined) simplified[field] = json[field];
	return simplified;
}

/** An operation's result with every JSON item simplified; binary items keep their binary data. */
export function simplifyResult(
	result: OperationResult,
	fields: readonly string[],
): OperationResult {
	if (result instanceof ItemsResult)
		return new ItemsResult(
			result.items.map((item) => ({ ...item, json: simplifyItem(item.json, fields) })),
		);
	if (Array.isArray(result)) return result.map((json) => simplifyItem(json, fields));
	return simplifyItem(result, fields);
}

/** The operation's result as the item's Simplify asks (`key` is `resource.operation`). */
export function applySimplify(
	context: IExecuteFunctions,
	itemIndex: number,
	key: string,
	result: OperationResult,
): OperationResult {
	const fields = SIMPLIFIED_OUTPUTS[key];
	if (!fields || !readSimplify(context, itemIndex)) return result;
	return simplifyResult(result, fields);
}
