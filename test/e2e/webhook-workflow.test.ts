import { describe, expect, it } from 'vitest';

import { pollUntil } from './harness/poll';
import { useStack } from './harness/use-stack';
import { loadWorkflowFixture } from './harness/workflows';

const stack = useStack();

describe('published webhook workflow with a VideoVector node', () => {
	it('answers with the emulator indexes, saves the execution, and keeps working after a restart', async () => {
		const workflow = await stack().importWorkflow(loadWorkflowFixture('index-list.webhook.json'), {
			webhookPath: 'e2e-list-indexes',
		});
		expect(workflow.active).toBe(false);
		await stack().publish(workflow.id);

		const first = await stack().waitForWebhook('e2e-list-indexes', { body: {} });
		expect(first.status).toBe(200);
		const ids = (first.body as Array<{ index_id: string }>).map((index) => index.index_id);
		expect(ids.length).toBeGreaterThan(0);
		const [execution] = await stack().waitForExecutions(workflow.id, 1);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });

		await stack().restart();
		const afterRestart = await stack().waitForWebhook('e2e-list-indexes', { body: {} });
		expect(afterRestart.status).toBe(200);
		expect(
			(afterRestart.body as Array<{ index_id: string }>).map((index) => index.index_id),
		).toEqual(ids);

		await stack().unpublish(workflow.id);
		const gone = await pollUntil(
			async () =>
				(await stack().webhook('e2e-list-indexes', { body: {} })).status === 404 ? true : undefined,
			{ what: 'the webhook to be removed after unpublish' },
		);
		expect(gone).toBe(true);
	});
});
