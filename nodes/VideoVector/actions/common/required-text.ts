import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface LengthRules {
	/** Longest accepted value (the API's own limit), counted in characters. */
	maxLength?: number;
}

/** A required text parameter, trimmed; refused before any request when empty or too long. */
export function requiredText(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	displayName: string,
	rules: LengthRules = {},
): string {
	const value = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) throw new NodeOperationError(context.getNode(), `${displayName} is required`, { itemIndex });
	return checkLength(context, itemIndex, value, displayName, rules);
}

/** An optional text parameter, trimmed; `undefined` when empty so it is left out of the request. */
export function optionalText(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	displayName: string,
	rules: LengthRules = {},
): string | undefined {
	const text = String(value ?? '').trim();
	return text ? checkLength(context, itemIndex, text, displayName, rules) : undefined;
}

function checkLength(
	context: IExecuteFunctions,
	itemIndex: number,
	value: string,
	displayName: string,
	rules: LengthRules,
): string {
	if (rules.maxLength !== undefined && [...value].length > rules.maxLength) {
		throw new NodeOperationError(
			context.getNode(),
			`${displayName} is longer than ${rules.maxLength} characters`,
			{ itemIndex },
		);
	}
	return value;
}
