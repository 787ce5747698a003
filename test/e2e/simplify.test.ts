/**
 * #17 Simplify in a real n8n 2.41 against the emulator: the same operations with Simplify on and
 * off (and left at its default) on the node, Run and Get Results simplified per result, and the
 * tool variant simplifying by default for an AI agent unless the author turned it off. The tool is
 * called through n8n's own tool path (the editor's "Execute step" on a tool node), so no language
 * model runs.
 */
import { describe, expect, it } from 'vitest';

import { MEDIA, PROMPT_RUN, RUN_RESULT } from '../../nodes/VideoVector/actions/simplified-outputs';
import type { WorkflowJson, WorkflowNode } from '../../tools/n8n/workflow-types';
import { agentToolWorkflow, chatMessage } from './examples/support/agent-workflow';
import { callToolLikeTheAgent } from './examples/support/tool-path';
import { nodeOutput } from './harness/executions';
import { useStack } from './harness/use-stack';

// A fast clock: the seeded run and Run and Get Results' run finish in well under a second.
const stack = useStack({
	emulator: { seed: 'empty', clockScale: 2000, randomSeed: 'e2e-simplify' },
});

const MANUAL = "When clicking 'Execute workflow'";
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
let nodeCounter = 0;

function node(name: string, type: string, parameters: Record<string, unknown>): WorkflowNode {
	nodeCounter++;
	const id = `5e2e5000-0000-4000-8000-${String(nodeCounter).padStart(12, '0')}`;
	return { id, name, type, typeVersion: 1, position: [240 * nodeCounter, 0], parameters };
}

/** Manual Trigger → several VideoVector nodes side by side. */
function manualWorkflow(
	name: string,
	nodes: Record<string, Record<string, unknown>>,
): WorkflowJson {
	return {
		name: `e2e simplify: ${name}`,
		nodes: [
			node(MANUAL, 'n8n-nodes-base.manualTrigger', {}),
			...Object.entries(nodes).map(([nodeName, parameters]) =>
				node(nodeName, '@{package}.videoVector', parameters),
			),
		],
		connections: {
			[MANUAL]: {
				main: [Object.keys(nodes).map((nodeName) => ({ node: nodeName, type: 'main', index: 0 }))],
			},
		},
	};
}

/** An index with media, a prompt and one finished run of it (fixed 10 s segments). */
function seed(media: number, segmentsPerMedia: number) {
	return stack().emulator.control.seed.index({ media, segmentsPerMedia, failureRate: 0 }) as {
		index_id: string;
		prompt_id: string;
		run_id: string;
		video_ids: string[];
	};
}

const only = (keys: string[], list: readonly string[]) => keys.every((key) => list.includes(key));

describe('Simplify on the node in n8n', () => {
	it('returns the listed fields when on, and the whole answer when off or left at its default', async () => {
		const seeded = seed(2, 2);
		const getMedia = { resource: 'media', operation: 'get', videoId: byId(seeded.video_ids[0]) };
		const listMedia = {
			resource: 'media',
			operation: 'getAll',
			mediaIn: 'index',
			indexId: byId(seeded.index_id),
			returnAll: true,
		};
		const workflow = await stack().importWorkflow(
			manualWorkflow('on and off', {
				'Get media (simplified)': { ...getMedia, simplify: true },
				'Get media (raw)': { ...getMedia, simplify: false },
				'Get media (default)': getMedia,
				'List media (simplified)': { ...listMedia, simplify: true },
			}),
		);
		const execution = await stack().runManually(workflow);
		expect(execution.status).toBe('success');

		const [simplified] = nodeOutput(execution, 'Get media (simplified)');
		const [raw] = nodeOutput(execution, 'Get media (raw)');
		const [byDefault] = nodeOutput(execution, 'Get media (default)');
		expect(Object.keys(raw).length).toBeGreaterThan(10);
		expect(byDefault).toEqual(raw);
		expect(only(Object.keys(simplified), MEDIA)).toBe(true);
		expect(simplified).toMatchObject({ video_id: seeded.video_ids[0], title: raw.title });
		expect(Object.keys(simplified).length).toBeLessThan(Object.keys(raw).length);

		const listed = nodeOutput(execution, 'List media (simplified)');
		expect(listed.map((item) => item.video_id).sort()).toEqual([...seeded.video_ids].sort());
		expect(listed.every((item) => only(Object.keys(item), MEDIA))).toBe(true);
	});

	it('simplifies every result of Run and Get Results, keeping what the next node chains on', async () => {
		// Every segment succeeds, so the run completes and has one result per segment.
		stack().emulator.control.config.update({ simulation: { segmentFailureRate: 0 } });
		const seeded = seed(2, 3);
		const workflow = await stack().importWorkflow(
			manualWorkflow('run and get results', {
				'Run and get results': {
					resource: 'promptRun',
					operation: 'runAndGetResults',
					promptId: byId(seeded.prompt_id),
					target: 'index',
					indexId: byId(seeded.index_id),
					resultLevel: 'segment',
					waitTimeout: 120,
					pollInterval: 0.2,
					simplify: true,
					options: { videoSegmentation: 'fixed', videoSegmentDuration: 10 },
				},
			}),
		);
		const execution = await stack().runManually(workflow);
		expect(execution.status, execution.data?.resultData.error?.message).toBe('success');
		const items = nodeOutput(execution, 'Run and get results');
		expect(items).toHaveLength(6);
		expect(items.every((item) => only(Object.keys(item), RUN_RESULT))).toBe(true);
		expect(new Set(items.map((item) => item.segment_id)).size).toBe(6);
		expect(items.every((item) => item.run_id === items[0].run_id)).toBe(true);
		expect(items.every((item) => item.result_view === 'unfiltered')).toBe(true);
	});
});

describe('Simplify on the tool variant for an AI agent', () => {
	const trigger = chatMessage('e2e-simplify');

	const getRun = {
		resource: 'promptRun',
		operation: 'get',
		runId: byId("={{ $fromAI('run_id', 'The prompt run to read', 'string') }}"),
	};

	it('simplifies by default, and returns the whole run when the author turned it off', async () => {
		const seeded = seed(1, 2);
		const workflow = await stack().importWorkflow(
			agentToolWorkflow('e2e simplify: agent tools', {
				'Get run': getRun,
				'Get run (raw)': { ...getRun, simplify: false },
			}),
		);

		const byDefault = await callToolLikeTheAgent(stack(), workflow, {
			trigger,
			toolNode: 'Get run',
			args: { run_id: seeded.run_id },
		});
		expect(byDefault.execution.status).toBe('success');
		const [simplified] = byDefault.response as Array<Record<string, unknown>>;
		expect(simplified).toMatchObject({ run_id: seeded.run_id, status: 'completed' });
		expect(only(Object.keys(simplified), PROMPT_RUN)).toBe(true);

		const turnedOff = await callToolLikeTheAgent(stack(), workflow, {
			trigger,
			toolNode: 'Get run (raw)',
			args: { run_id: seeded.run_id },
		});
		const [raw] = turnedOff.response as Array<Record<string, unknown>>;
		expect(raw.run_id).toBe(seeded.run_id);
		expect(Object.keys(raw).length).toBeGreaterThan(10);
		expect(Object.keys(simplified).length).toBeLessThan(Object.keys(raw).length);
	});
});
