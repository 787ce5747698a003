import type { INodeProperties } from 'n8n-workflow';

import {
	ALLOW_DESTRUCTIVE_PARAMETER,
	dataAccess,
	type DataAccess,
} from '../../../shared/n8n/tool-guard';
import type { OperationDefinition } from './operation';
import type { ResourceDefinition } from './resource';

/**
 * What each operation does to data, as the node says it: in the operation's action (which n8n also
 * uses as an AI tool's description, "<action> in VideoVector") and in the tool variant's switch that
 * allows destructive operations.
 */

const ACCESS_LABEL: Record<DataAccess, string> = {
	reads: 'read-only',
	changes: 'changes data',
	destructive: 'destructive',
};

export function operationAccess(operation: OperationDefinition): DataAccess {
	return dataAccess(operation.endpoints);
}

/** The action with what it does to data, e.g. "Delete an index (destructive)". */
export function actionWithAccess(operation: OperationDefinition): string {
	return `${operation.action} (${ACCESS_LABEL[operationAccess(operation)]})`;
}

/**
 * "Allow Destructive Operations", shown only on the node's tool variant (`@tool`) and only for the
 * destructive operations. Off by default: an agent must not delete, revoke, rotate or cancel unless
 * the workflow author decided it may.
 */
export function allowDestructiveProperty(
	resources: readonly ResourceDefinition[],
): INodeProperties {
	const destructive = new Set(
		resources.flatMap((resource) =>
			resource.operations
				.filter((operation) => operationAccess(operation) === 'destructive')
				.map((operation) => operation.value),
		),
	);
	return {
		displayName: 'Allow Destructive Operations',
		name: ALLOW_DESTRUCTIVE_PARAMETER,
		type: 'boolean',
		default: false,
		description:
			'Whether the AI agent may run this operation through this tool. It deletes, revokes, rotates or cancels, which cannot be undone; when off, the tool refuses and tells the agent why.',
		displayOptions: { show: { '@tool': [true], operation: [...destructive].sort() } },
	};
}
