import { createHash } from 'node:crypto';

import type { DeliveryUnit } from './delivery-units';

/**
 * The key n8n (2.x) refuses to start a second execution for: unique per workflow, trigger node and
 * unit of events, at most 255 characters. It is what makes the replay after a restart safe — the
 * unit that was in flight is emitted again with the same key and n8n only runs it if its execution
 * was never stored. Units holding an event without id get no key.
 */
export function deduplicationKey(workflowId: string | undefined, nodeId: string, unit: DeliveryUnit): string | undefined {
	const ids = unit.events.map((event) => event.id);
	if (!workflowId || ids.length === 0 || ids.some((id) => id === undefined)) return undefined;
	const digest = createHash('sha256')
		.update(JSON.stringify([workflowId, nodeId, ids[0], ids[ids.length - 1], ids.length]))
		.digest('hex');
	return `videovector-sse:${digest}`;
}
