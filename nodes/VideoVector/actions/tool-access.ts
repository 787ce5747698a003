import type { INodeProperties } from 'n8n-workflow';

import {
	ALLOW_DESTRUCTIVE_PARAMETER,
	dataAccess,
	type DataAccess,
} from '../../../shared/n8n/tool-guard';
import type { OperationDefinition } from './operation';
import type { ResourceDefinition } from './resource';

/**
 * What each operation does to data, said where an AI agent reads it: the tool description. n8n builds
 * a tool's description from the node's own `toolDescription` parameter when the node has one (else
 * from the operation's `action`, which is also the default node name when a user adds the node from
 * the actions panel). So the action stays a plain label ("Delete an index") and every operation gets
 * a `toolDescription`, shown only on the tool variant, that says "(destructive)" and what that means.
 */

const ACCESS_LABEL: Record<DataAccess, string> = {
	reads: 'read-only',
	changes: 'changes data',
	destructive: 'destructive',
};

const ACCESS_STATEMENT: Record<DataAccess, string> = {
	reads: 'It only reads; nothing is changed.',
	changes: 'It creates or changes data in the account.',
	destructive:
		'It deletes, revokes, rotates or cancels, which cannot be undone; it runs only where the workflow author allowed destructive operations.',
};

/** The node's default name: n8n's own auto description ends with "in <default name>" too. */
const NODE_NAME = 'VideoVector';

export function operationAccess(operation: OperationDefinition): DataAccess {
	return dataAccess(operation.endpoints);
}

/** The action with what it does to data, e.g. "Delete an index (destructive)": for messages to an agent, never a label. */
export function actionWithAccess(operation: OperationDefinition): string {
	return `${operation.action} (${ACCESS_LABEL[operationAccess(operation)]})`;
}

/** What the agent is told about the operation, e.g. "Delete an index in VideoVector (destructive). …". */
export function toolDescriptionText(operation: OperationDefinition): string {
	const access = operationAccess(operation);
	return `${operation.action} in ${NODE_NAME} (${ACCESS_LABEL[access]}). ${ACCESS_STATEMENT[access]} ${operation.description}`;
}

/**
 * The tool variant's Description for one operation (n8n adds no Description of its own when the node
 * has a `toolDescription`). Prefilled per operation; an author may rewrite it like n8n's own field.
 */
export function toolDescriptionProperty(operation: OperationDefinition): INodeProperties {
	return {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		default: toolDescriptionText(operation),
		typeOptions: { rows: 3 },
		description:
			'What the AI agent reads about this tool: what it does and whether it reads, changes or destroys data',
		displayOptions: { show: { '@tool': [true] } },
	};
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
