import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Reads a list of IDs given as text (comma-, space- or newline-separated, what people and AI agents
 * type) or as an array (what an expression like `{{ $json.ids }}` yields). Blanks and repeats are
 * dropped; order is kept because the API may rank by it.
 */
export function parseIdList(raw: unknown): string[] {
	const parts = Array.isArray(raw)
		? raw.map((value) => String(value ?? ''))
		: String(raw ?? '').split(/[\s,]+/);
	const ids: string[] = [];
	for (const part of parts) {
		const id = part.trim();
		if (id && !ids.includes(id)) ids.push(id);
	}
	return ids;
}

export interface IdListRules {
	/** Refuse an empty list. */
	required?: boolean;
	max?: number;
}

export function readIdList(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
	rules: IdListRules = {},
): string[] {
	const ids = parseIdList(raw);
	if (rules.required && ids.length === 0) {
		throw new NodeOperationError(context.getNode(), `${label}: give at least one ID`, {
			itemIndex,
		});
	}
	if (rules.max !== undefined && ids.length > rules.max) {
		throw new NodeOperationError(
			context.getNode(),
			`${label}: at most ${rules.max} IDs are allowed (got ${ids.length})`,
			{
				itemIndex,
			},
		);
	}
	return ids;
}
