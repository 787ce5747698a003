import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * How much of a list "Return All" can give, said in the node's UI and, when it matters, in the
 * output. Lists with a cursor page the real way and need no statement; a list the API answers
 * whole (no cursor, no limit) gives everything at once; a list the API caps (a `limit` with a
 * maximum and no cursor) cannot give more than that maximum, and a silent truncation there would
 * look like "that is all there is".
 */
export interface ListCap {
	/** The most items the API serves in one answer. */
	max: number;
	/** Plural noun for the items, e.g. "prompt runs". */
	noun: string;
}

/** Name of the notice property that states a list's cap (one per capped operation). */
export const CAP_NOTICE = 'returnAllCap';

/** The notice shown under Return All of a capped list: the cap, where the user turns Return All on. */
export function capNotice(cap: ListCap): INodeProperties {
	return {
		displayName: `The API serves at most ${cap.max} ${cap.noun} here and has no paging, so Return All stops at ${cap.max}; the output says so when it reaches them`,
		name: CAP_NOTICE,
		type: 'notice',
		default: '',
		displayOptions: { show: { returnAll: [true] } },
	};
}

/** The execution hint shown in n8n's output pane when a Return All reached the API's cap. */
export function capReachedMessage(cap: ListCap): string {
	return `Returned ${cap.max} ${cap.noun}, the most the API serves for this list (it has no paging): there may be more; where the operation has filters, narrow the list with them.`;
}

/**
 * Under Return All, adds the output-pane hint when the answer holds as many items as the API's cap
 * (a shorter answer is the whole list). Items themselves stay unchanged, so workflows reading them
 * see exactly the API's data.
 */
export function hintWhenCapReached(
	context: IExecuteFunctions,
	returnAll: boolean,
	count: number,
	cap: ListCap,
): boolean {
	if (!returnAll || count < cap.max) return false;
	context.addExecutionHints({ message: capReachedMessage(cap), location: 'outputPane' });
	return true;
}
