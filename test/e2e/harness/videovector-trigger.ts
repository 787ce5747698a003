/** The VideoVector Trigger in e2e tests: its workflow, signed deliveries to its URL, and what n8n saved or ran for it. */
import type { Workflow, WorkflowJson } from '../../../tools/n8n/workflow-types';
import { listWebhooks } from '../../triggers/webhook/support/emulator-api';
import { listExecutions } from './executions';
import { pollUntil } from './poll';
import type { Stack } from './stack';

export const TRIGGER = 'VideoVector Trigger';
export const TRIGGER_NODE_ID = 'e2e-videovector-trigger';

/** A workflow of the VideoVector Trigger (direct delivery unless `parameters` say otherwise) and a NoOp. */
export function videoVectorTriggerWorkflow(
	name: string,
	webhookId: string,
	parameters: Record<string, unknown>,
): WorkflowJson {
	return {
		name,
		nodes: [
			{
				id: TRIGGER_NODE_ID,
				name: TRIGGER,
				type: '@{package}.videoVectorTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: {
					delivery: 'direct',
					events: ['prompt_run.completed', 'export.ready'],
					indexIds: [],
					options: {},
					...parameters,
				},
			},
			{
				id: 'e2e-trigger-done',
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
				parameters: {},
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	};
}

/** Imports the trigger workflow and publishes it. */
export async function published(
	s: Stack,
	name: string,
	webhookId: string,
	parameters: Record<string, unknown> = {},
): Promise<Workflow> {
	const workflow = await s.importWorkflow(videoVectorTriggerWorkflow(name, webhookId, parameters));
	await s.publish(workflow.id);
	return workflow;
}

/** Helpers bound to the file's stack (it exists only once `beforeAll` ran, hence the getter). */
export function videoVectorTriggerHelpers(stack: () => Stack) {
	async function webhookCount(expected: number): Promise<void> {
		await pollUntil(
			async () => ((await listWebhooks(stack().emulator)).length === expected ? true : undefined),
			{
				what: `${expected} webhook subscription(s) on the emulator`,
			},
		);
	}

	/** The trigger's registration as n8n saved it in the workflow's static data. */
	async function savedRegistration(
		workflowId: string,
		webhookId: string,
	): Promise<{ webhookId: string; secret: string }> {
		const url = `${stack().origin}/webhook/${webhookId}/webhook`;
		return pollUntil(
			async () => {
				const workflow = await stack().client.api<{ staticData?: unknown }>(
					'GET',
					`/workflows/${workflowId}`,
				);
				const staticData = (
					typeof workflow.staticData === 'string'
						? JSON.parse(workflow.staticData)
						: workflow.staticData
				) as
					| Record<
							string,
							{
								registrations?: Record<
									string,
									{ webhookId?: string; secrets?: Array<{ secret: string }> }
								>;
							}
					  >
					| undefined;
				const registration = staticData?.[`node:${TRIGGER}`]?.registrations?.[url];
				const secret = registration?.secrets?.[0]?.secret;
				return registration?.webhookId && secret
					? { webhookId: registration.webhookId, secret }
					: undefined;
			},
			{ what: 'the saved registration' },
		);
	}

	async function post(
		webhookId: string,
		body: string | Buffer,
		headers: Record<string, string>,
		contentType = 'application/json',
	) {
		const response = await fetch(`${stack().origin}/webhook/${webhookId}/webhook`, {
			method: 'POST',
			headers: { 'content-type': contentType, ...headers },
			body,
			signal: AbortSignal.timeout(60_000),
		});
		const text = await response.text();
		return { status: response.status, text };
	}

	async function executionCount(workflow: Workflow): Promise<number> {
		return (await listExecutions(stack().client, workflow.id)).length;
	}

	return { webhookCount, savedRegistration, post, executionCount };
}
