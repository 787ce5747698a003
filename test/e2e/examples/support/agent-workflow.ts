import { randomUUID } from 'node:crypto';

import type { WorkflowJson, WorkflowNode } from '../../../../tools/n8n/workflow-types';
import type { ToolCall } from './tool-path';

/**
 * An AI-agent workflow whose tools are VideoVector tool nodes: chat trigger → agent, with a chat
 * model (never called: `callToolLikeTheAgent` runs a tool without it) and one `videoVectorTool`
 * node per entry of `tools` (node name → parameters).
 */

const CHAT = 'When chat message received';
const AGENT = 'Agent';
const MODEL = 'Chat Model';

function node(
	name: string,
	type: string,
	typeVersion: number,
	parameters: Record<string, unknown>,
	column: number,
): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion, position: [240 * column, 0], parameters };
}

export function agentToolWorkflow(
	name: string,
	tools: Record<string, Record<string, unknown>>,
): WorkflowJson {
	const chat = node(CHAT, '@n8n/n8n-nodes-langchain.chatTrigger', 1.1, { options: {} }, 0);
	chat.webhookId = randomUUID();
	const agent = node(AGENT, '@n8n/n8n-nodes-langchain.agent', 2.2, { options: {} }, 1);
	const model = node(
		MODEL,
		'@n8n/n8n-nodes-langchain.lmChatOpenAi',
		1.2,
		{ model: { __rl: true, mode: 'list', value: 'gpt-4.1-mini' }, options: {} },
		2,
	);
	const toolNodes = Object.entries(tools).map(([toolName, parameters], at) =>
		node(toolName, '@{package}.videoVectorTool', 1, parameters, 3 + at),
	);
	return {
		name,
		nodes: [chat, agent, model, ...toolNodes],
		connections: {
			[CHAT]: { main: [[{ node: AGENT, type: 'main', index: 0 }]] },
			[MODEL]: { ai_languageModel: [[{ node: AGENT, type: 'ai_languageModel', index: 0 }]] },
			...Object.fromEntries(
				Object.keys(tools).map((toolName) => [
					toolName,
					{ ai_tool: [[{ node: AGENT, type: 'ai_tool', index: 0 }]] },
				]),
			),
		},
	};
}

/** The chat message the trigger of `agentToolWorkflow` "received" before the tool call. */
export function chatMessage(sessionId: string): ToolCall['trigger'] {
	return { name: CHAT, json: { sessionId, action: 'sendMessage', chatInput: 'x' } };
}
