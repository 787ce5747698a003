import { createHash } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';

import { checkText } from './text-check';

const MAX_KEY_LENGTH = 255;

/**
 * Default Idempotency-Key for a write: derived from the n8n instance, workflow, execution, node, run
 * and item, so n8n's "Retry On Fail" and the node's own retries (same execution, node, run and item)
 * replay the same key and the API applies the write once, while a new execution or a new loop
 * iteration writes again. The instance and workflow ids keep two n8n instances on one API account,
 * or one n8n whose database was reset (execution ids restart at 1), from sharing keys. Shape
 * `n8n-<sha256 hex>` as the vendor's own node (docs/api/conventions.md#idempotency-keys).
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
	const material = [
		parts.instanceId,
		parts.workflowId,
		parts.executionId,
		parts.nodeId,
		parts.runIndex,
		parts.itemIndex,
		parts.operation,
	].join('\u0000');
	return `n8n-${createHash('sha256').update(material).digest('hex')}`;
}

/** The key to send: the user's override if given, else the derived one. */
export function idempotencyKeyFor(
	context: IExecuteFunctions,
	itemIndex: number,
	operation: string,
	override: unknown,
): string {
	const userKey =
		typeof override === 'string'
			? checkText(context, itemIndex, override, 'Idempotency Key', { max: MAX_KEY_LENGTH })
			: '';
	if (userKey) return userKey;
	return deriveIdempotencyKey({
		instanceId: context.getInstanceId(),
		workflowId: String(context.getWorkflow().id ?? ''),
		executionId: context.getExecutionId(),
		nodeId: context.getNode().id,
		runIndex: context.getWorkflowDataProxy(itemIndex).$runIndex,
		itemIndex,
		operation,
	});
}
