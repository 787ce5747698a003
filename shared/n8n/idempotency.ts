import { createHash } from 'node:crypto';

/**
 * Default Idempotency-Key for a write: derived from the n8n instance, workflow, execution, node, run
 * and item, so n8n's "Retry On Fail" and the node's own retries (same execution, node, run and item)
 * replay the same key and the API applies the write once, while a new execution or a new loop
 * iteration writes again. The instance and workflow ids keep two n8n instances on one API account,
 * or one n8n whose database was reset (execution ids restart at 1), from sharing keys. Shape
 * `n8n-<sha256 hex>` as the vendor's own node (contract §3.1).
 */
export function deriveIdempotencyKey(parts: {
	instanceId: string;
	workflowId: string;
	executionId: string;
	nodeId: string;
	runIndex: number;
	itemIndex: number;
	operation: string;
}): string {
	const material = [parts.instanceId, parts.workflowId, parts.executionId, parts.nodeId, parts.runIndex, parts.itemIndex, parts.operation].join('\u0000');
	return `n8n-${createHash('sha256').update(material).digest('hex')}`;
}
