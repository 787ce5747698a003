import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../../shared/n8n/parameter-collections';

/** Goes into the Options collection of every write that the API de-duplicates. */
export const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	description:
		'Key that makes the API apply this write once even if it is sent again. Leave empty to use a key derived from this n8n instance, workflow, execution, node and item (stable when n8n retries the node or "Retry On Fail" repeats it, new for each execution, including a retry from the executions list); set a business key (e.g. an order ID) to de-duplicate across executions.',
};

/** An Options collection holding the idempotency key, plus any operation-specific options. */
export function optionsWithIdempotencyKey(extra: INodeProperties[] = []): INodeProperties {
	return optionsCollection([...extra, idempotencyKeyOption]);
}
