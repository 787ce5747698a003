import { WEBHOOK_TEST_EVENT } from '../../shared/contract/schemas/webhook-event';
import { indexPicked } from '../shared/trigger-picks';

/** The picker value that stands for every event type the API offers. */
export const ALL_EVENTS = '*';

export function sortedUnique(values: readonly string[]): string[] {
	return [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))].sort();
}

export function wantsAllEvents(selected: readonly string[]): boolean {
	return selected.includes(ALL_EVENTS);
}

/** The `events` a subscription is created with: the chosen names, or every known name for "all". */
export function subscribedEvents(
	selected: readonly string[],
	available: readonly string[],
): string[] {
	return sortedUnique(wantsAllEvents(selected) ? available : selected);
}

/**
 * Local filter for deliveries that reach the trigger without a subscription of its own (receiver
 * mode, or an event sent before a changed selection was re-registered). Test deliveries always
 * pass: they exist to check the connection.
 */
export function eventSelected(event: string, selected: readonly string[]): boolean {
	return event === WEBHOOK_TEST_EVENT || wantsAllEvents(selected) || selected.includes(event);
}

/** Events of other indexes are dropped; events that belong to no index always pass (as the API does). */
export function indexSelected(data: Record<string, unknown>, indexIds: readonly string[]): boolean {
	return indexPicked(data.index_id, indexIds);
}
