import { createHash } from 'node:crypto';

/**
 * Default Idempotency-Key for a write: derived from execution, node, run and item, so n8n's
 * "Retry On Fail" (same execution, node, run and item) replays the same key and the API applies the
 * write once, while a new execution or a new loop iteration writes again. Shape `n8n-<sha256 hex>`
 * as the vendor's own node (contract §3.1).
 */
export function deriveIdempotencyKey(parts: {
	executionId: string;
	nodeId: string;
	runIndex: number;
	itemIndex: number;
	operation: string;
}): string {
	const material = [parts.executionId, parts.nodeId, parts.runIndex, parts.itemIndex, parts.operation].join('\u0000');
	return `n8n-${createHash('sha256').update(material).digest('hex')}`;
}
