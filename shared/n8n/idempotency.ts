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
 * `executionId` is the execution the work began in (see `originExecutionId`), so retrying a failed
 * execution from n8n's executions list replays the same keys.
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
		executionId: originExecutionId(context),
		nodeId: context.getNode().id,
		runIndex: context.getWorkflowDataProxy(itemIndex).$runIndex,
		itemIndex,
		operation,
	});
}

/** The execution's custom-data key holding the id of the execution the work began in. */
export const ORIGIN_EXECUTION_KEY = 'videoVectorOriginExecution';

/**
 * The id of the execution this one retries, else this execution's own id. Retrying a failed
 * execution from the executions list starts a new execution (new id) that carries the failed one's
 * run data, custom data included (n8n ExecutionService.retry passes `execution.data` on). So the
 * first keyed write of an execution stores its id in custom data, and every later execution built
 * from that data (a retry, a retry of a retry) derives its keys from the stored id: a write whose
 * answer was lost is replayed, not applied twice. Where custom data is unavailable or full (n8n keeps
 * at most 10 entries and drops more silently), the execution's own id is used.
 */
function originExecutionId(context: IExecuteFunctions): string {
	const current = context.getExecutionId();
	let customData: IExecuteFunctions['customData'] | undefined;
	try {
		customData = context.customData;
	} catch {
		// n8n throws when the context has no run data (e.g. a tool called outside a workflow run).
		return current;
	}
	if (!customData) return current;
	const stored: unknown = customData.get(ORIGIN_EXECUTION_KEY);
	if (typeof stored === 'string' && stored) return stored;
	try {
		customData.set(ORIGIN_EXECUTION_KEY, current);
	} catch {
		// Refused (n8n validates keys and values); the execution's own id still keys this run.
	}
	return current;
}
