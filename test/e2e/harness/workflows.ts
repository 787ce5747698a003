import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { N8nClient } from '../../../tools/n8n/n8n-client';
import type { Workflow, WorkflowJson } from './types';

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
