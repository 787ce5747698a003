import type { IExecuteFunctions } from 'n8n-workflow';

import { checkText } from '../../../../shared/n8n/text-check';

export interface LengthRules {
	/** Longest accepted value (the API's own limit), counted in characters. */
	maxLength?: number;
}

/**
 * A required text parameter read by name, trimmed; refused before any request when empty or too
 * long. The check and its messages are `checkText`'s, the node's one text validator.
 */
export function requiredText(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	displayName: string,
	rules: LengthRules = {},
): string {
	const raw = context.getNodeParameter(name, itemIndex, '');
	return checkText(context, itemIndex, raw, displayName, { min: 1, max: rules.maxLength });
}

/** An optional text parameter, trimmed; `undefined` when empty so it is left out of the request. */
export function optionalText(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	displayName: string,
	rules: LengthRules = {},
): string | undefined {
	return checkText(context, itemIndex, value, displayName, { max: rules.maxLength }) || undefined;
}
