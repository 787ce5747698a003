/**
 * Agent-safe tools (#17): what each operation says it does to data, and the refusal of destructive
 * operations when the node runs as an AI agent's tool unless the author turned them on.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { RESOURCES } from '../../nodes/VideoVector/actions/resources';
import { operationAccess } from '../../nodes/VideoVector/actions/tool-access';
import { VideoVector } from '../../nodes/VideoVector/VideoVector.node';
import { endpointAccess } from '../../shared/n8n/tool-guard';
import { byId, route } from '../support/node-fixtures';
import { createExecuteContext } from '../support/execute-context';
import {
	recordingSend,
	runNode,
	TEST_API_KEY,
	TEST_BASE_URL,
	type RecordedRequest,
} from '../support/run-node';

const TOOL_TYPE = 'n8n-nodes-videovector.videoVectorTool';
const description = new VideoVector().description;

/** The node's tool variant as n8n builds it (name + "Tool"), for n8n's own display rules. */
const toolDescription: INodeTypeDescription = { ...description, name: `${description.name}Tool` };

function toolDescriptionOf(resource: string, operation: string): INodeProperties {
	const found = description.properties.find(
		(p) =>
			p.name === 'toolDescription' &&
			p.displayOptions?.show?.resource?.includes(resource) &&
			p.displayOptions?.show?.operation?.includes(operation),
	);
	if (!found) throw new Error(`no tool description for ${resource}.${operation}`);
	return found;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const deleteIndex = { resource: 'index', operation: 'delete', indexId: byId('idx_1') };
const deleted = () => ({ statusCode: 202, body: { index_id: 'idx_1', status: 'pending' } });

describe('what each operation does to data', () => {
	it('actions stay plain labels (n8n names a node added from the actions panel after its action)', () => {
		const actions = description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => (p.options as Array<{ action: string }>).map((option) => option.action));
		expect(actions.length).toBeGreaterThan(90);
		expect(actions).toContain('Delete an index');
		expect(
			actions.filter((action) => /\((read-only|changes data|destructive)\)$/.test(action)),
		).toEqual([]);
		const node = { parameters: {}, typeVersion: 1 } as never;
		const named = NodeHelpers.makeNodeName({ resource: 'index', operation: 'delete' }, description);
		expect(named).toBe('Delete an index');
		expect(
			NodeHelpers.displayParameter({}, toolDescriptionOf('index', 'delete'), node, description),
		).toBe(false);
	});

	it('the tool description n8n hands the agent says what every operation does to data', () => {
		const tool = { ...toolDescription, properties: description.properties };
		for (const resource of RESOURCES) {
			for (const operation of resource.operations) {
				const parameters = { resource: resource.value, operation: operation.value };
				const node = {
					name: 'VideoVector',
					type: TOOL_TYPE,
					typeVersion: 1,
					position: [0, 0] as [number, number],
					parameters,
				};
				// As n8n's Workflow fills in defaults before createNodeAsTool reads them.
				node.parameters = NodeHelpers.getNodeParameters(
					tool.properties,
					parameters,
					true,
					false,
					node as never,
					tool,
				) as typeof parameters;
				const said = NodeHelpers.getToolDescriptionForNode(
					node as never,
					{
						description: tool,
					} as never,
				);
				const access = operationAccess(operation);
				const label = { reads: 'read-only', changes: 'changes data', destructive: 'destructive' }[
					access
				];
				expect(said, `${resource.value}.${operation.value}`).toMatch(
					new RegExp(`^${escape(operation.action)} in VideoVector \\(${label}\\)\\. `),
				);
			}
		}
		const deleteSaid = String(toolDescriptionOf('index', 'delete').default);
		expect(deleteSaid).toMatch(/cannot be undone/);
	});

	it('destructive = every delete, cancel, revoke and rotate; searches and estimates only read', () => {
		const destructive = RESOURCES.flatMap((resource) =>
			resource.operations
				.filter((operation) => operationAccess(operation) === 'destructive')
				.map((operation) => `${resource.value}.${operation.value}`),
		).sort();
		expect(destructive).toEqual([
			'apiKey.delete',
			'apiKey.revoke',
			'apiKey.rotate',
			'chatSession.delete',
			'connector.delete',
			'importJob.cancel',
			'index.delete',
			'marker.delete',
			'media.delete',
			'prompt.delete',
			'promptRun.cancel',
			'webhook.delete',
			'webhook.rotateSecret',
		]);
		expect(endpointAccess('search.text')).toBe('reads');
		expect(endpointAccess('prompt_runs.estimate')).toBe('reads');
		expect(endpointAccess('prompt_runs.execute')).toBe('changes');
		expect(endpointAccess('markers.upsert')).toBe('changes');
	});

	it('shows "Allow Destructive Operations" on the tool variant only, for destructive operations', () => {
		const [allow] = description.properties.filter((p) => p.name === 'allowDestructiveAsTool');
		const shown = (type: INodeTypeDescription, values: Record<string, unknown>) =>
			NodeHelpers.displayParameter(values as never, allow, { typeVersion: 1 }, type);
		expect(shown(toolDescription, deleteIndex)).toBe(true);
		expect(shown(toolDescription, { resource: 'apiKey', operation: 'revoke' })).toBe(true);
		expect(shown(toolDescription, { resource: 'index', operation: 'getAll' })).toBe(false);
		expect(shown(description, deleteIndex)).toBe(false);
	});
});

describe('destructive operations as an AI tool', () => {
	it('are refused before any request unless allowed, naming the operation and the switch', async () => {
		const refused = runNode({
			parameters: deleteIndex,
			node: { type: TOOL_TYPE },
			respond: deleted,
		});
		await expect(refused).rejects.toThrow(
			'Refused: "Delete an index (destructive)" deletes, revokes, rotates or cancels, and this tool may not do that for an AI agent',
		);
		const error = (await refused.catch((caught: unknown) => caught)) as { description?: string };
		expect(error.description).toMatch(/Allow Destructive Operations/);

		const allowed = await runNode({
			parameters: { ...deleteIndex, allowDestructiveAsTool: true },
			node: { type: TOOL_TYPE },
			respond: deleted,
		});
		expect(allowed.requests.map((r) => [r.method, route(r.url)])).toEqual([
			['DELETE', '/indexes/idx_1'],
		]);
	});

	it('sends nothing when refused, and under Continue On Fail the refusal is the item', async () => {
		const { output, requests } = await runNode({
			parameters: { resource: 'promptRun', operation: 'cancel', runId: byId('run_1') },
			node: { type: TOOL_TYPE },
			continueOnFail: true,
			respond: () => ({ body: { run_id: 'run_1', status: 'cancelled' } }),
		});
		expect(requests).toHaveLength(0);
		expect(String(output[0].json.error)).toMatch(/^Refused: "Cancel a prompt run \(destructive\)"/);
	});

	it('also counts as a tool run when n8n says so (isToolExecution), whatever the type name', async () => {
		const requests: RecordedRequest[] = [];
		const context = createExecuteContext({
			parameters: deleteIndex,
			credentials: { apiKey: TEST_API_KEY, baseUrl: TEST_BASE_URL },
			send: recordingSend(deleted, requests),
		});
		// The sub-node path of n8n (SupplyDataContext) answers true here; the plain context does not have it.
		const asSubNode = Object.assign(context, { isToolExecution: () => true });
		await expect(new VideoVector().execute.call(asSubNode)).rejects.toThrow(
			/^Refused: "Delete an index \(destructive\)"/,
		);
		expect(requests).toHaveLength(0);
	});

	it('run as usual in the regular node, and read or write operations run as a tool', async () => {
		const regular = await runNode({ parameters: deleteIndex, respond: deleted });
		expect(regular.requests).toHaveLength(1);

		const read = await runNode({
			parameters: { resource: 'index', operation: 'get', indexId: byId('idx_1') },
			node: { type: TOOL_TYPE },
			respond: () => ({ body: { index_id: 'idx_1' } }),
		});
		expect(read.output[0].json).toEqual({ index_id: 'idx_1' });

		const write = await runNode({
			parameters: { resource: 'index', operation: 'create', name: 'Clips', options: {} },
			node: { type: TOOL_TYPE },
			respond: () => ({ statusCode: 201, body: { index_id: 'idx_2' } }),
		});
		expect(write.requests.map((r) => r.method)).toEqual(['POST']);
	});
});
