import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ENDPOINTS, type EndpointKey } from '../contract/endpoints';

/**
 * Agent-safe tools: what an operation does to the user's data, whether the node runs as an AI
 * agent's tool, and the refusal of destructive operations there unless the workflow author allowed
 * them. A model picks tools from their descriptions and may call one it misunderstood; deleting an
 * index or revoking a key cannot be undone, so the author has to opt in.
 */

/** `reads` leaves data as it is; `changes` writes; `destructive` deletes, revokes, rotates or cancels. */
export type DataAccess = 'reads' | 'changes' | 'destructive';

/** POSTs that only read (search, estimates, batch reads, dry runs, short-lived links): docs/api/conventions.md. */
const READING_POSTS: ReadonlySet<EndpointKey> = new Set<EndpointKey>([
	'videos.batchGet',
	'videos.batchStatus',
	'videos.batchSegments',
	'videos.getSignedUrl',
	'workflow.search',
	'workflow.createMediaGrant',
	'prompts.testSchema',
	'prompt_runs.estimate',
	'connectors.test',
	'connectors.browse',
	'exports.createDownloadUrl',
]);

/** Writes that undo something: cancelling work, revoking or rotating secrets (deletes are all DELETEs). */
const UNDOING_POSTS: ReadonlySet<EndpointKey> = new Set<EndpointKey>([
	'prompt_runs.cancel',
	'import_jobs.cancel',
	'api_keys.revoke',
	'api_keys.rotate',
	'webhooks.rotateSecret',
]);

const RANK: Record<DataAccess, number> = { reads: 0, changes: 1, destructive: 2 };

export function endpointAccess(key: EndpointKey): DataAccess {
	const endpoint = ENDPOINTS[key];
	if (endpoint.method === 'DELETE' || UNDOING_POSTS.has(key)) return 'destructive';
	if (endpoint.method === 'GET') return 'reads';
	if (endpoint.resource === 'search' || READING_POSTS.has(key)) return 'reads';
	return 'changes';
}

/** An operation does the most its endpoints do: Execute (estimate, execute, get) changes data. */
export function dataAccess(endpoints: readonly EndpointKey[]): DataAccess {
	return endpoints.reduce<DataAccess>((most, key) => {
		const access = endpointAccess(key);
		return RANK[access] > RANK[most] ? access : most;
	}, 'reads');
}

/**
 * Whether this execution runs the node as an AI agent's tool. n8n makes the tool variant of a node
 * with `usableAsTool` a node type of its own, named like the node plus `Tool`
 * (`n8n-nodes-videovector.videoVectorTool`), and runs it through the usual execute path for the
 * agent's engine requests, where `isToolExecution()` answers false; the older sub-node path answers
 * true. Either one marks a tool run; `isToolExecution` is optional for n8n versions without it.
 */
export function runsAsTool(context: IExecuteFunctions): boolean {
	const typeName = context.getNode().type.split('.').pop() ?? '';
	if (typeName.endsWith('Tool')) return true;
	const { isToolExecution } = context as { isToolExecution?: () => boolean };
	return typeof isToolExecution === 'function' && isToolExecution.call(context) === true;
}

/** The node parameter (shown on the tool variant only) that lets an agent run destructive operations. */
export const ALLOW_DESTRUCTIVE_PARAMETER = 'allowDestructiveAsTool';

/**
 * Throws before any request when a destructive operation runs as a tool and the author did not
 * allow it. `action` names the operation as the agent saw it.
 */
export function assertToolMayRun(
	context: IExecuteFunctions,
	itemIndex: number,
	access: DataAccess,
	action: string,
): void {
	if (access !== 'destructive' || !runsAsTool(context)) return;
	if (context.getNodeParameter(ALLOW_DESTRUCTIVE_PARAMETER, itemIndex, false) === true) return;
	throw new NodeOperationError(
		context.getNode(),
		`Refused: "${action}" deletes, revokes, rotates or cancels, and this tool may not do that for an AI agent`,
		{
			itemIndex,
			description:
				'The workflow author can turn on "Allow Destructive Operations" in this tool\'s parameters to let the agent run it.',
		},
	);
}
