import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/*
 * Checked before any request: the editor's length limits only guard typed values; expressions and
 * AI agents bypass them, and the API would answer 422 only after a round trip.
 */

function refuse(context: IExecuteFunctions, itemIndex: number, message: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex });
}

export interface TextRules {
	min?: number;
	/** Longest accepted value (the API's own limit). */
	max?: number;
}

/**
 * The one text check: a trimmed string within the given length; `min` ≥ 1 makes it required.
 * Lengths count characters (code points), so an emoji is one character, not two UTF-16 units. The
 * contract does not say how the API counts; code points are what a Python service's len() counts.
 */
export function checkText(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
	rules: TextRules = {},
): string {
	const text =
		typeof raw === 'string'
			? raw.trim()
			: raw === undefined || raw === null
				? ''
				: String(raw).trim();
	const min = rules.min ?? 0;
	if (min > 0 && text === '') refuse(context, itemIndex, `${label} is required`);
	const length = [...text].length;
	if (length < min) refuse(context, itemIndex, `${label} must be at least ${min} characters long`);
	if (rules.max !== undefined && length > rules.max) {
		refuse(
			context,
			itemIndex,
			`${label} must be at most ${rules.max} characters long (got ${length})`,
		);
	}
	return text;
}
