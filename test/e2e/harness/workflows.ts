import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { N8nClient } from '../../../tools/n8n/n8n-client';
import type { Workflow, WorkflowJson, WorkflowNode } from '../../../tools/n8n/workflow-types';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

/** Reads `test/e2e/fixtures/<file>` (a workflow as exported from the editor, with `@{…}` placeholders). */
export function loadWorkflowFixture(file: string): WorkflowJson {
	return JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as WorkflowJson;
}

/** Creates the workflow through the public API (unpublished). Fields the API refuses are dropped. */
export async function createWorkflow(client: N8nClient, workflow: WorkflowJson): Promise<Workflow> {
	return client.api<Workflow>('POST', '/workflows', {
		name: workflow.name,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings ?? { executionOrder: 'v1' },
	});
}

/**
 * Publishes (activates) the workflow. Its triggers register asynchronously afterwards: wait for
 * the webhook (`waitForWebhook`) before calling it.
 */
export async function publishWorkflow(client: N8nClient, id: string): Promise<Workflow> {
	return client.api<Workflow>('POST', `/workflows/${id}/publish`, {});
}

export async function unpublishWorkflow(client: N8nClient, id: string): Promise<Workflow> {
	return client.api<Workflow>('POST', `/workflows/${id}/unpublish`, {});
}

/**
 * A workflow of one trigger node (position and type version filled in) feeding a No-Op node named
 * "Received", so every item the trigger emits shows up in the execution's data.
 */
export function triggerWorkflow(
	name: string,
	trigger: {
		id: string;
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		credentials?: WorkflowNode['credentials'];
	},
): WorkflowJson {
	const receiverId = `${trigger.id.slice(0, -4)}ffff`;
	return {
		name,
		nodes: [
			{ typeVersion: 1, position: [0, 0], ...trigger },
			{
				id: receiverId,
				name: 'Received',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
				parameters: {},
			},
		],
		connections: { [trigger.name]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	};
}
