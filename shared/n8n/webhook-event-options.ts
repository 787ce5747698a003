import type { INodePropertyOptions } from 'n8n-workflow';

/*
 * The event pickers of the VideoVector node (webhook create/update) and of the VideoVector Trigger
 * both list the names `GET /webhooks/events` returns (docs/api/conventions.md#webhook-event-names). They differ in how they load
 * the list (the node reports a failure, the trigger falls back to the contract's names) but must show
 * the same names the same way, so that part lives here.
 */

/**
 * The event names in a list (the `GET /webhooks/events` answer or the contract's names): strings only,
 * trimmed, without blanks or repeats, sorted by code unit so the order is the same in every locale.
 */
export function sortedEventNames(list: unknown): string[] {
	const names = (Array.isArray(list) ? (list as unknown[]) : [])
		.filter((name): name is string => typeof name === 'string')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	return [...new Set(names)].sort();
}

/** "prompt_run.partial_completed" → "Prompt Run Partial Completed". */
function eventLabel(name: string): string {
	return name
		.split(/[._]/)
		.filter(Boolean)
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/** One picker option per event name, in the given order; the value is the API's name. */
export function eventTypeOptions(names: readonly string[]): INodePropertyOptions[] {
	return names.map((name) => ({ name: eventLabel(name), value: name, description: name }));
}
