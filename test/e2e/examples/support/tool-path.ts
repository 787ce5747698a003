import { nodeNameToToolName } from 'n8n-workflow';

import type { Stack } from '../../harness/stack';
import type { Execution, Workflow } from '../../../../tools/n8n/workflow-types';

/**
 * Calls one tool of a saved AI-agent workflow without a language model, through n8n's own tool path:
 * the editor's "Execute step" on a tool node (`POST /rest/workflows/:id/run` with `destinationNode`
 * = the tool and an `agentRequest`). n8n then swaps the agent for its hidden Tool Executor node,
 * which asks the tool node for its LangChain tool exactly as the agent would
 * (`getInputConnectionData(ai_tool)` → `createNodeAsTool`) and invokes it with the arguments, so
 * `$fromAI()` parameters are filled from them. The chat trigger's output is given, not awaited.
 */

export interface ToolCall {
	/** The trigger in front of the agent and the item it "received". */
	trigger: { name: string; json: Record<string, unknown> };
	toolNode: string;
	/** The arguments a model would have chosen (the keys of the node's `$fromAI()` calls). */
	args: Record<string, unknown>;
}

export interface ToolResult {
	execution: Execution;
	/** What the tool handed back to the agent (the items' JSON), parsed. */
	response: unknown;
}

interface ToolRun {
	data?: { ai_tool?: Array<Array<{ json: { response?: unknown } }> | null> };
	error?: { message: string };
}

export async function callToolLikeTheAgent(
	stack: Stack,
	workflow: Workflow,
	call: ToolCall,
): Promise<ToolResult> {
	// The name the agent knows the tool by (n8n derives it from the node name).
	const toolName = nodeNameToToolName(call.toolNode);
	const started = await stack.client.rest<{ executionId?: string; waitingForWebhook?: boolean }>(
		'POST',
		`/workflows/${workflow.id}/run`,
		{
			triggerToStartFrom: {
				name: call.trigger.name,
				data: {
					startTime: Date.now(),
					executionTime: 0,
					executionIndex: 0,
					source: [],
					data: { main: [[{ json: call.trigger.json }]] },
				},
			},
			destinationNode: { nodeName: call.toolNode, mode: 'inclusive' },
			agentRequest: { query: { [toolName]: call.args }, tool: { name: toolName } },
		},
	);
	if (!started.executionId)
		throw new Error(`n8n did not start the tool run: ${JSON.stringify(started)}`);
	const execution = await stack.waitForExecution(started.executionId);
	const runs = execution.data?.resultData.runData[call.toolNode] as ToolRun[] | undefined;
	const run = runs?.[0];
	if (!run)
		throw new Error(
			`tool node "${call.toolNode}" did not run (execution ${execution.id} ${execution.status}: ${execution.data?.resultData.error?.message ?? ''})`,
		);
	if (run.error) throw new Error(`tool node "${call.toolNode}" failed: ${run.error.message}`);
	return { execution, response: run.data?.ai_tool?.[0]?.[0]?.json.response };
}
