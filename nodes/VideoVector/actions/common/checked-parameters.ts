import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Scalar parameter checks done before any request. The editor's min/max only guard typed values;
 * expressions and AI agents bypass them, and the API would answer 422 only after a round trip.
 */

function refuse(context: IExecuteFunctions, itemIndex: number, message: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex });
}

function toNumber(raw: unknown): number {
	if (typeof raw === 'number') return raw;
	if (typeof raw === 'string' && raw.trim() !== '') return Number(raw);
	return Number.NaN;
}

/** A number within [min, max] that is also of the checker's kind (whole, finite). */
export type RangeCheck = (
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
	min: number,
	max: number,
) => number;

/** `kind` names what `accept` lets through, for the message. */
function rangeCheck(accept: (value: number) => boolean, kind: string): RangeCheck {
	return (context, itemIndex, raw, label, min, max) => {
		const value = toNumber(raw);
		if (!accept(value) || value < min || value > max) {
			refuse(
				context,
				itemIndex,
				`${label} must be ${kind} from ${min} to ${max} (got ${String(raw)})`,
			);
		}
		return value;
	};
}

/** An integer within [min, max]; numeric strings from expressions are accepted. */
export const checkInteger: RangeCheck = rangeCheck(Number.isInteger, 'a whole number');

/** A finite number within [min, max]. */
export const checkNumber: RangeCheck = rangeCheck(Number.isFinite, 'a number');
