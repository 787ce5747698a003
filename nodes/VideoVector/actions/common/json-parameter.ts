import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

const INVALID = Symbol('invalid JSON');

/**
 * The value of a JSON parameter that must hold an object, refusing bad input before any request is
 * sent. n8n hands JSON parameters over as text, or as an object when an expression produced one;
 * an empty value means "not given" (`undefined`).
 */
export function parseJsonObject(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	displayName: string,
): IDataObject | undefined {
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw === 'object') return ensureObject(context, itemIndex, raw, displayName);
	const text = String(raw).trim();
	if (!text) return undefined;
	let parsed: unknown = INVALID;
	try {
		parsed = jsonParse<unknown>(text);
	} catch {
		// Reported below, with a message that does not echo the input (it may hold secrets).
	}
	if (parsed === INVALID) {
		throw new NodeOperationError(context.getNode(), `${displayName} is not valid JSON`, {
			itemIndex,
			description: 'Enter a JSON object, e.g. {"team": "media"}',
		});
	}
	return ensureObject(context, itemIndex, parsed, displayName);
}

/** Same, reading the parameter by name (dotted paths reach into collections). */
export function readJsonObjectParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	displayName: string,
): IDataObject | undefined {
	return parseJsonObject(
		context,
		itemIndex,
		context.getNodeParameter(name, itemIndex, '') as unknown,
		displayName,
	);
}

function ensureObject(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	displayName: string,
): IDataObject {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new NodeOperationError(context.getNode(), `${displayName} must be a JSON object`, {
			itemIndex,
		});
	}
	return value as IDataObject;
}
