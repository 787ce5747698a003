/**
 * Values read out of a collection (Filters, Options) or another loosely typed parameter: n8n leaves
 * out what the user did not add, and an expression can hand in any type. A value that is not what it
 * must be counts as not given — `undefined`, so it is left out of the request.
 */

/** Text the user typed, trimmed; blank counts as not given. */
export function trimmedText(value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	return text || undefined;
}

/** The value of a picked option, as it is (option values are never padded). */
export function chosenOption(value: unknown): string | undefined {
	return typeof value === 'string' && value ? value : undefined;
}

/** A number above 0; 0 and below count as not given (the parameters use 0 for "off"). */
export function positiveNumber(value: unknown): number | undefined {
	return typeof value === 'number' && value > 0 ? value : undefined;
}
