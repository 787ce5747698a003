import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deriveIdempotencyKey } from '../../../../shared/n8n/idempotency';
import { optionsCollection } from './options-collection';

const MAX_KEY_LENGTH = 255;

/** Goes into the Options collection of every write that the API de-duplicates. */
export const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	description:
		'Key that makes the API apply this write once even if it is sent again. Leave empty to use a key derived from this n8n instance, workflow, execution, node and item (stable when n8n retries the node or "Retry On Fail" repeats it, new for each execution, including a retry from the executions list); set a business key (e.g. an order ID) to de-duplicate across executions.',
};

/** The key to send: the user's override if given, else the derived one. */
export function idempotencyKeyFor(
	context: IExecuteFunctions,
	itemIndex: number,
	operation: string,
	override: unknown,
): string {
	const userKey = typeof override === 'string' ? override.trim() : '';
	if (userKey.length > MAX_KEY_LENGTH) {
		throw new NodeOperationError(context.getNode(), `Idempotency Key is longer than ${MAX_KEY_LENGTH} characters`, {
			itemIndex,
		});
	}
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

/** An Options collection holding the idempotency key, plus any operation-specific options. */
export function optionsWithIdempotencyKey(extra: INodeProperties[] = []): INodeProperties {
	return optionsCollection([...extra, idempotencyKeyOption]);
}
