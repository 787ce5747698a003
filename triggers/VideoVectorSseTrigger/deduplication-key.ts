import { createHash } from 'node:crypto';

import type { DeliveryUnit } from './delivery-units';

const PREFIX = 'videovector-sse';
/** n8n's column for the key is varchar(255). */
const MAX_KEY_LENGTH = 255;

/**
 * The key recent n8n (2.41 here) refuses to start a second execution for: unique per workflow, trigger node and
 * unit of events. It is what makes the replay after a restart safe — the unit that was in flight is
 * emitted again with the same key and n8n runs it only if its execution was never stored. Readable
 * when short enough (it shows in n8n's log when a repeat is refused), hashed otherwise. Units holding
 * an event without id get no key.
 */
export function deduplicationKey(
	workflowId: string | undefined,
	nodeId: string,
	unit: DeliveryUnit,
): string | undefined {
	const events = unit.events;
	if (!workflowId || events.length === 0) return undefined;
	const first = events[0].id;
	const last = events[events.length - 1].id;
	if (first === undefined || last === undefined || events.some((event) => event.id === undefined))
		return undefined;
	const parts = [workflowId, nodeId, first, last, String(events.length)];
	const readable = `${PREFIX}:${parts.map(encodeURIComponent).join(':')}`;
	if (readable.length <= MAX_KEY_LENGTH) return readable;
	return `${PREFIX}:${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}`;
}
