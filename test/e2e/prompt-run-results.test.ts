/**
 * #17 in a real n8n 2.41 against the emulator: Prompt Run → Run and Get Results (start, wait, one
 * item per result over several pages), the cost guard on Execute, and the tool variant refusing a
 * destructive operation for an AI agent unless the author allowed it. The tool is called through
 * n8n's own tool path (the editor's "Execute step" on a tool node), so no language model runs.
 */
import type { INode, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { beforeAll, describe, expect, it } from 'vitest';

import type { WorkflowJson, WorkflowNode } from '../../tools/n8n/workflow-types';
import { agentToolWorkflow, chatMessage } from './examples/support/agent-workflow';
import { callToolLikeTheAgent } from './examples/support/tool-path';
import { nodeError, nodeOutput } from './harness/executions';
import { useStack } from './harness/use-stack';

// 2,000 virtual ms per real ms: a run of a few hundred segments finishes in well under a second.
const stack = useStack({ emulator: { seed: 'empty', clockScale: 2000, randomSeed: 'e2e-17' } });

const MANUAL = "When clicking 'Execute workflow'";
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
let nodeCounter = 0;

function node(name: string, type: string, parameters: Record<string, unknown>): WorkflowNode {
	nodeCounter++;
	const id = `17e2e000-0000-4000-8000-${String(nodeCounter).padStart(12, '0')}`;
	return { id, name, type, typeVersion: 1, position: [240 * nodeCounter, 0], parameters };
}

/** Manual Trigger → one VideoVector node. */
function manualWorkflow(name: string, parameters: Record<string, unknown>): WorkflowJson {
	return {
		name: `e2e #17: ${name}`,
		nodes: [
			node(MANUAL, 'n8n-nodes-base.manualTrigger', {}),
			node(name, '@{package}.videoVector', parameters),
		],
		connections: { [MANUAL]: { main: [[{ node: name, type: 'main', index: 0 }]] } },
	};
}

function seedIndex(media: number, segmentsPerMedia: number, titlePrefix?: string) {
	const seeded = stack().emulator.control.seed.index({
		media,
		segmentsPerMedia,
		failureRate: 0,
		titlePrefix,
	});
	return { promptId: seeded.prompt_id as string, indexId: seeded.index_id as string };
}

const runParameters = (seeded: { promptId: string; indexId: string }) => ({
	resource: 'promptRun',
	operation: 'runAndGetResults',
	promptId: byId(seeded.promptId),
	target: 'index',
	indexId: byId(seeded.indexId),
	resultLevel: 'segment',
	waitTimeout: 120,
	pollInterval: 0.2,
	options: { videoSegmentation: 'fixed', videoSegmentDuration: 10 },
});

const logged = (method: string, path: string) =>
	stack()
		.emulator.control.requests.list({ method })
		.filter((request) => request.path === path);

beforeAll(() => {
	stack().emulator.control.config.update({ simulation: { segmentFailureRate: 0 } });
});

describe('Prompt Run → Run and Get Results in n8n', () => {
	it('starts one run, waits, and outputs one item per segment result across result pages', async () => {
		const seeded = seedIndex(4, 30);
		stack().emulator.control.requests.clear();
		const workflow = await stack().importWorkflow(
			manualWorkflow('Run and get results', runParameters(seeded)),
		);
		const execution = await stack().runManually(workflow);
		expect(execution.status).toBe('success');

		const items = nodeOutput(execution, 'Run and get results');
		expect(items).toHaveLength(120);
		const runId = String(items[0].run_id);
		expect(items.every((item) => item.run_id === runId && item.result_view === 'unfiltered')).toBe(
			true,
		);
		expect(new Set(items.map((item) => item.segment_id)).size).toBe(120);

		const executes = logged('POST', '/prompt-runs/execute');
		expect(executes).toHaveLength(1);
		expect(executes[0].headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		expect(logged('GET', `/prompt-runs/${runId}`).length).toBeGreaterThanOrEqual(1);
		expect(logged('GET', `/workflow/runs/${runId}/results`)).toHaveLength(3);
	});

	it('fails the node for a failed run, naming the run, and reads no results', async () => {
		const seeded = seedIndex(2, 2, '[fail] clip');
		stack().emulator.control.requests.clear();
		const workflow = await stack().importWorkflow(
			manualWorkflow('Run a failing prompt', runParameters(seeded)),
		);
		const execution = await stack().runManually(workflow);
		expect(execution.status).toBe('error');
		expect(nodeError(execution, 'Run a failing prompt').message).toMatch(
			/^Prompt run run_\w+ ended with status "failed"/,
		);
		expect(
			stack()
				.emulator.control.requests.list({ method: 'GET' })
				.filter((request) => request.path.includes('/results')),
		).toHaveLength(0);
	});
});

describe('cost guard on Execute in n8n', () => {
	it('does not start a run whose estimate is above Max Estimated Cost, and says why', async () => {
		const seeded = seedIndex(2, 10);
		const before = stack().emulator.control.counts().prompt_runs;
		stack().emulator.control.requests.clear();
		const workflow = await stack().importWorkflow(
			manualWorkflow('Execute with a budget', {
				...runParameters(seeded),
				operation: 'execute',
				options: { ...runParameters(seeded).options, estimateFirst: true, maxEstimatedCost: 5 },
			}),
		);
		const execution = await stack().runManually(workflow);
		expect(execution.status).toBe('error');
		expect(nodeError(execution, 'Execute with a budget').message).toBe(
			'Prompt run not started: the estimated cost of 12 MT is above the limit of 5 MT (Max Estimated Cost)',
		);
		expect(logged('POST', '/prompt-runs/estimate')).toHaveLength(1);
		expect(logged('POST', '/prompt-runs/execute')).toHaveLength(0);
		expect(stack().emulator.control.counts().prompt_runs).toBe(before);
	});

	it('starts the run when the estimate is within the limit, estimating the same request', async () => {
		const seeded = seedIndex(2, 10);
		stack().emulator.control.requests.clear();
		const workflow = await stack().importWorkflow(
			manualWorkflow('Execute within budget', {
				...runParameters(seeded),
				operation: 'execute',
				options: { ...runParameters(seeded).options, maxEstimatedCost: 20 },
			}),
		);
		const execution = await stack().runManually(workflow);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Execute within budget')[0].run_id).toMatch(/^run_/);
		const [estimate] = logged('POST', '/prompt-runs/estimate');
		const [execute] = logged('POST', '/prompt-runs/execute');
		expect(estimate.body).toEqual(execute.body);
	});
});

describe('the tool variant for an AI agent', () => {
	const trigger = chatMessage('e2e-17');
	const agentWorkflow = (tools: Record<string, Record<string, unknown>>) =>
		agentToolWorkflow('e2e #17: agent tools', tools);

	const deleteIndex = {
		resource: 'index',
		operation: 'delete',
		indexId: byId("={{ $fromAI('index_id', 'The index to delete', 'string') }}"),
	};

	it('tells the agent in the tool description what each operation does to data, without touching the action labels', async () => {
		const types = await stack().nodeTypes();
		const tool = types.find((type) => type.name === stack().nodeType('videoVectorTool'));
		expect(tool).toBeDefined();
		const toolType = tool as unknown as INodeTypeDescription;
		const properties = toolType.properties;
		const actions = properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				(property.options as Array<{ action: string }>).map((option) => option.action),
			);
		expect(actions).toContain('Delete an index');
		expect(
			actions.filter((action) => /\((read-only|changes data|destructive)\)$/.test(action)),
		).toEqual([]);
		// n8n adds no Description of its own: the node's per-operation one is the tool's description.
		expect(properties.filter((property) => property.name === 'descriptionType')).toEqual([]);
		// What createNodeAsTool reads, from the type n8n serves, with defaults filled as its Workflow does.
		const described = (parameters: Record<string, string>) => {
			const node = {
				name: 'Tool',
				type: toolType.name,
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: {},
			} as INode;
			node.parameters = NodeHelpers.getNodeParameters(
				properties,
				parameters,
				true,
				false,
				node,
				toolType,
			)!;
			return NodeHelpers.getToolDescriptionForNode(node, { description: toolType } as INodeType);
		};
		expect(described({ resource: 'index', operation: 'delete' })).toMatch(
			/^Delete an index in VideoVector \(destructive\)\. It deletes, revokes, rotates or cancels/,
		);
		expect(described({ resource: 'index', operation: 'getAll' })).toMatch(
			/^Get many indexes in VideoVector \(read-only\)\./,
		);
		expect(described({ resource: 'promptRun', operation: 'runAndGetResults' })).toMatch(
			/^Run a prompt and get its results in VideoVector \(changes data\)\./,
		);
		expect(properties.some((property) => property.name === 'allowDestructiveAsTool')).toBe(true);
	});

	it('refuses a destructive operation for the agent unless the author allowed it', async () => {
		const kept = seedIndex(1, 1);
		const removed = seedIndex(1, 1);
		const workflow = await stack().importWorkflow(
			agentWorkflow({
				'Delete index': deleteIndex,
				'Delete index (allowed)': { ...deleteIndex, allowDestructiveAsTool: true },
			}),
		);
		stack().emulator.control.requests.clear();

		await expect(
			callToolLikeTheAgent(stack(), workflow, {
				trigger,
				toolNode: 'Delete index',
				args: { index_id: kept.indexId },
			}),
		).rejects.toThrow(
			/Refused: "Delete an index \(destructive\)" deletes, revokes, rotates or cancels, and this tool may not do that for an AI agent/,
		);
		expect(stack().emulator.control.requests.list({ method: 'DELETE' })).toHaveLength(0);

		const allowed = await callToolLikeTheAgent(stack(), workflow, {
			trigger,
			toolNode: 'Delete index (allowed)',
			args: { index_id: removed.indexId },
		});
		expect(allowed.execution.status).toBe('success');
		expect(allowed.response).toEqual([
			expect.objectContaining({ deleted: true, id: removed.indexId }),
		]);
		expect(
			stack()
				.emulator.control.requests.list({ method: 'DELETE' })
				.map((request) => request.path),
		).toEqual([`/indexes/${removed.indexId}`]);
	});
});
