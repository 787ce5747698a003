const DIGITS = /^\d+$/;

/**
 * Whether `id` certainly comes at or before `reference` in the stream. Per docs/api/conventions.md#processing-event-stream, event ids
 * increase per user, compared by order of issue, so only plain digit strings (the usual shape, often
 * zero-padded) can be compared by value; for anything else order is unknown and the answer is false.
 */
export function isAtOrBefore(id: string, reference: string): boolean {
	if (id === reference) return true;
	if (!DIGITS.test(id) || !DIGITS.test(reference)) return false;
	const a = stripLeadingZeros(id);
	const b = stripLeadingZeros(reference);
	// Digit strings of different length compare by length; equal lengths compare as text.
	return a.length === b.length ? a <= b : a.length < b.length;
}

/** Whether `id` certainly comes after `reference` (same rules as `isAtOrBefore`). */
export function isAfter(id: string, reference: string): boolean {
	if (id === reference || !DIGITS.test(id) || !DIGITS.test(reference)) return false;
	return !isAtOrBefore(id, reference);
}

function stripLeadingZeros(digits: string): string {
	const stripped = digits.replace(/^0+/, '');
	return stripped === '' ? '0' : stripped;
}
