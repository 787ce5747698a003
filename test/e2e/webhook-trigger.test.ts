import { describe, expect, it } from 'vitest';

import { N8N_STARTUP_ANSWER } from '../../shared/webhooks/n8n-startup-answer';
import { standardWebhookHeaders } from '../../shared/webhooks/standard-webhooks';
import { apiCall, listWebhooks, sendTestDelivery } from '../triggers/webhook/support/emulator-api';
import { RECEIVER_SECRET } from '../triggers/webhook/support/fixture';
import { apiDeliveryHeaders, apiEnvelope } from '../triggers/webhook/support/signed-delivery';
import { nodeOutput } from './harness/executions';
import { pollUntil } from './harness/poll';
import { describeOutbox, sqliteOutbox } from './harness/publication-outbox';
import { holdStartupWindow } from './harness/starting-n8n';
import { useStack } from './harness/use-stack';
import {
	published,
	TRIGGER,
	TRIGGER_NODE_ID,
	videoVectorTriggerHelpers,
	videoVectorTriggerWorkflow,
} from './harness/videovector-trigger';

/**
 * The VideoVector Trigger inside a real n8n, against the emulator: n8n calls the webhook methods
 * on publish/unpublish, serves the trigger URL, saves static data, and the emulator delivers
 * signed events to it over HTTP.
 */

const stack = useStack();
const { webhookCount, savedRegistration, post, executionCount } = videoVectorTriggerHelpers(stack);
/** What n8n said about the trigger and its webhooks since it last started (for timeout messages). */
function triggerAndWebhookLines(log: string): string {
	return log
		.split('\n')
		.filter((line) => /VideoVector|webhook|activat|publication|outbox|Could not/i.test(line))
		.filter((line) => !line.startsWith('Received request for unknown webhook'))
		.slice(-40)
		.join('\n');
}

const RECOVERED_ONE =
	'1 of 1 delivery(ies) that n8n acknowledged while starting, without running this trigger, were sent to it again';

describe('VideoVector Trigger in a real n8n', () => {
	it('publishing registers exactly one subscription, a signed event starts one execution, unpublishing removes it', async () => {
		const webhookId = '0f6a2c1e-7b3d-4e59-9a10-00000000e201';
		const workflow = await published(stack(), 'e2e: trigger basics', webhookId);
		await webhookCount(1);
		const [hook] = await listWebhooks(stack().emulator);
		expect(hook).toMatchObject({
			url: `${stack().origin}/webhook/${webhookId}/webhook`,
			events: ['export.ready', 'prompt_run.completed'],
			status: 'active',
			metadata: { n8n_workflow_id: workflow.id, n8n_node_id: TRIGGER_NODE_ID },
		});

		stack().emulator.control.events.emit('prompt_run.completed', {
			run_id: 'run_e2e_1',
			payload: { status: 'completed' },
		});
		const [execution] = await stack().waitForExecutions(workflow.id, 1);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		const [item] = nodeOutput(execution!, TRIGGER);
		expect(item).toMatchObject({
			event: 'prompt_run.completed',
			data: { run_id: 'run_e2e_1', status: 'completed' },
			delivery: { mode: 'direct', webhook_id: hook?.webhook_id, attempt_id: expect.any(String) },
		});
		const deliveries = (
			await apiCall(stack().emulator, 'GET', `/webhooks/${hook?.webhook_id}/deliveries`)
		).body as Array<Record<string, unknown>>;
		expect(deliveries[0]).toMatchObject({ status: 'delivered', response_status_code: 200 });

		await stack().unpublish(workflow.id);
		await webhookCount(0);
	});

	it('repeated publish/unpublish cycles and an n8n restart leak no subscription', async () => {
		const webhookId = '0f6a2c1e-7b3d-4e59-9a10-00000000e202';
		const workflow = await stack().importWorkflow(
			videoVectorTriggerWorkflow('e2e: trigger cycles', webhookId, {}),
		);
		for (let cycle = 0; cycle < 3; cycle++) {
			await stack().publish(workflow.id);
			await webhookCount(1);
			await stack().unpublish(workflow.id);
			await webhookCount(0);
		}
		await stack().publish(workflow.id);
		await webhookCount(1);
		const [before] = await listWebhooks(stack().emulator);

		await stack().restart();
		// n8n restores the published webhook without calling checkExists/create: same subscription, and
		// the secret it saved in static data still verifies.
		const outcome = await pollUntil(
			async () => {
				const result = await sendTestDelivery(stack().emulator, before?.webhook_id ?? '');
				return result.status_code === 200 ? result : undefined;
			},
			{ what: 'the trigger to answer after the restart' },
		);
		expect(outcome.success).toBe(true);
		expect((await listWebhooks(stack().emulator)).map((hook) => hook.webhook_id)).toEqual([
			before?.webhook_id,
		]);
		await stack().waitForExecutions(workflow.id, 1);

		await stack().unpublish(workflow.id);
		await webhookCount(0);
	});

	it('refuses forged, unsigned, malformed and oversized deliveries without executing; a duplicated event runs once', async () => {
		const webhookId = '0f6a2c1e-7b3d-4e59-9a10-00000000e203';
		const workflow = await published(stack(), 'e2e: trigger refusals', webhookId);
		const registration = await savedRegistration(workflow.id, webhookId);
		const body = apiEnvelope('evt_e2e_forged');

		const forged = await post(
			webhookId,
			body,
			apiDeliveryHeaders('whsec_forged', registration.webhookId, body, 'dlv_forged'),
		);
		expect(forged.status).toBe(401);
		expect(JSON.parse(forged.text)).toEqual({ error: 'Invalid webhook signature or subscription' });
		expect(
			(
				await post(webhookId, body, {
					'x-webhook-id': registration.webhookId,
					'x-delivery-id': 'dlv_unsigned',
				})
			).status,
		).toBe(401);

		// n8n's own JSON body parser refuses malformed JSON (422) before the trigger runs; other content
		// types reach the trigger, which refuses with 400 after checking the signature.
		const garbage = '{"id": "evt_e2e_garbage", "event": ';
		const viaParser = await post(
			webhookId,
			garbage,
			apiDeliveryHeaders(registration.secret, registration.webhookId, garbage, 'dlv_garbage'),
		);
		expect(viaParser.status).toBe(422);
		const asText = await post(
			webhookId,
			garbage,
			apiDeliveryHeaders(registration.secret, registration.webhookId, garbage, 'dlv_garbage_text'),
			'text/plain',
		);
		expect(asText.status).toBe(400);
		const notEnvelope = JSON.stringify({ hello: 'world' });
		expect(
			(
				await post(
					webhookId,
					notEnvelope,
					apiDeliveryHeaders(registration.secret, registration.webhookId, notEnvelope, 'dlv_hello'),
				)
			).status,
		).toBe(400);

		const big = Buffer.from(
			apiEnvelope('evt_e2e_big', 'prompt_run.completed', {
				run_id: 'r',
				pad: 'x'.repeat(2 * 1024 * 1024),
			}),
		);
		expect(
			(
				await post(
					webhookId,
					big,
					apiDeliveryHeaders(registration.secret, registration.webhookId, big, 'dlv_big'),
				)
			).status,
		).toBe(413);
		// Above n8n's own payload limit (N8N_PAYLOAD_SIZE_MAX, 16 MiB by default) n8n refuses before the
		// trigger runs — n8n 2.41.1 answers that with a generic 500, not 413, and starts no execution.
		const huge = Buffer.alloc(17 * 1024 * 1024, 0x20);
		const hugeAnswer = await post(
			webhookId,
			huge,
			apiDeliveryHeaders(registration.secret, registration.webhookId, huge, 'dlv_huge'),
		);
		expect(hugeAnswer.status).toBe(500);

		stack().emulator.control.faults.webhooks({ duplicate: true });
		try {
			stack().emulator.control.events.emit('export.ready', {
				payload: { export_id: 'exp_e2e', status: 'completed' },
			});
			await stack().waitForExecutions(workflow.id, 1);
			const attempts = await pollUntil(
				async () => {
					const log = (
						await apiCall(stack().emulator, 'GET', `/webhooks/${registration.webhookId}/deliveries`)
					).body as Array<{
						event_type: string;
						attempt_history: Array<{ status_code: number }>;
					}>;
					const history = log.find(
						(delivery) => delivery.event_type === 'export.ready',
					)?.attempt_history;
					return history?.length === 2 ? history : undefined;
				},
				{ what: 'both copies of the duplicated delivery' },
			);
			expect(attempts.map((attempt) => attempt.status_code)).toEqual([200, 200]);
		} finally {
			stack().emulator.control.faults.clear();
		}
		// A marker delivery after everything else: once it ran, nothing else can still be pending.
		const marker = apiEnvelope('evt_e2e_marker');
		expect(
			(
				await post(
					webhookId,
					marker,
					apiDeliveryHeaders(registration.secret, registration.webhookId, marker, 'evt_e2e_marker'),
				)
			).status,
		).toBe(200);
		const executions = await stack().waitForExecutions(workflow.id, 2);
		expect(executions).toHaveLength(2);
		expect(await executionCount(workflow)).toBe(2);
		expect(executions.map((execution) => nodeOutput(execution, TRIGGER)[0]?.event).sort()).toEqual([
			'export.ready',
			'prompt_run.completed',
		]);

		await stack().unpublish(workflow.id);
		await webhookCount(0);
	});

	it('"Via Webhook Receiver" registers nothing and refuses a stale Standard Webhooks timestamp', async () => {
		const credential = await stack().client.api<{ id: string; name: string }>(
			'POST',
			'/credentials',
			{
				name: 'VideoVector receiver (e2e)',
				type: 'n8nNodesVideoVectorReceiverApi',
				data: { secret: RECEIVER_SECRET },
			},
		);
		const webhookId = '0f6a2c1e-7b3d-4e59-9a10-00000000e204';
		const template = videoVectorTriggerWorkflow('e2e: trigger via receiver', webhookId, {
			delivery: 'receiver',
		});
		template.nodes[0]!.credentials = {
			n8nNodesVideoVectorReceiverApi: { id: credential.id, name: credential.name },
		};
		const workflow = await stack().importWorkflow(template);
		await stack().publish(workflow.id);

		const body = apiEnvelope('evt_e2e_receiver');
		// Timestamps are taken when each request is sent: waiting for the registration on a slow machine
		// must not age a delivery towards the receiver's tolerance window.
		const nowSeconds = () => Math.floor(Date.now() / 1000);
		const forward = (id: string, timestamp: number) =>
			standardWebhookHeaders([RECEIVER_SECRET], { id, timestamp, rawBody: body });
		let sentAt = nowSeconds();
		const first = await pollUntil(
			async () => {
				sentAt = nowSeconds();
				const answer = await post(webhookId, body, forward('dlv_receiver_1', sentAt));
				return answer.status === 404 ? undefined : answer;
			},
			{ what: 'the receiver-mode trigger to be registered' },
		);
		expect(first.status).toBe(200);
		expect((await post(webhookId, body, forward('dlv_receiver_1', sentAt))).text).toContain(
			'duplicate',
		);
		const stale = await post(webhookId, body, forward('dlv_receiver_2', nowSeconds() - 10 * 60));
		expect(stale.status).toBe(401);

		const [execution] = await stack().waitForExecutions(workflow.id, 1);
		expect(nodeOutput(execution!, TRIGGER)[0]).toMatchObject({
			event_id: 'evt_e2e_receiver',
			delivery: { mode: 'receiver', delivery_id: 'dlv_receiver_1' },
		});
		expect(await listWebhooks(stack().emulator)).toEqual([]);
		const marker = apiEnvelope('evt_e2e_receiver_marker');
		const markerHeaders = standardWebhookHeaders([RECEIVER_SECRET], {
			id: 'dlv_receiver_marker',
			timestamp: nowSeconds(),
			rawBody: marker,
		});
		expect((await post(webhookId, marker, markerHeaders)).status).toBe(200);
		await stack().waitForExecutions(workflow.id, 2);
		expect(await executionCount(workflow)).toBe(2);
		await stack().unpublish(workflow.id);
	});
	it('listening for a test event in the editor makes VideoVector send one, and it arrives in the test execution', async () => {
		const webhookId = '0f6a2c1e-7b3d-4e59-9a10-00000000e205';
		const workflow = await stack().importWorkflow(
			videoVectorTriggerWorkflow('e2e: trigger test event', webhookId, {}),
		);
		// What the editor's "Listen for test event" sends: n8n registers the test URL and calls the
		// trigger's checkExists/create in manual mode; nothing else sends an event.
		const answer = await stack().client.rest<{ waitingForWebhook?: boolean }>(
			'POST',
			`/workflows/${workflow.id}/run`,
			{ triggerToStartFrom: { name: TRIGGER } },
		);
		expect(answer.waitingForWebhook).toBe(true);

		const [execution] = await stack().waitForExecutions(workflow.id, 1);
		expect(execution).toMatchObject({ status: 'success', mode: 'manual' });
		const [item] = nodeOutput(execution!, TRIGGER);
		expect(item).toMatchObject({
			event: 'webhook.test',
			delivery: { mode: 'direct', webhook_id: expect.any(String) },
		});
		const subscriptionId = (item as { delivery: { webhook_id: string } }).delivery.webhook_id;
		const tests = stack().emulator.control.requests.list({
			method: 'POST',
			path: `/webhooks/${subscriptionId}/test`,
		});
		expect(tests.length).toBeGreaterThan(0);
		// The test listener ends with its execution, and its subscription with it.
		await webhookCount(0);
		expect(await executionCount(workflow)).toBe(1);
	});

	it('deliveries that failed while the workflow was unpublished are re-sent on publish and each runs once', async () => {
		const webhookId = '0f6a2c1e-7b3d-4e59-9a10-00000000e206';
		const workflow = await published(stack(), 'e2e: trigger catch-up', webhookId, {
			options: { keepSubscriptionWhileUnpublished: true },
		});
		await webhookCount(1);
		const [hook] = await listWebhooks(stack().emulator);
		const hookId = hook?.webhook_id ?? '';
		await stack().unpublish(workflow.id);
		// Unpublishing can return before n8n stops serving the URL: wait until it answers 404, so the
		// deliveries below fail for certain instead of racing the deregistration.
		await pollUntil(
			async () =>
				(await stack().webhook(`${webhookId}/webhook`, { body: {} })).status === 404
					? true
					: undefined,
			{ what: 'n8n to stop serving the unpublished trigger URL' },
		);
		// Kept: VideoVector keeps delivering, and n8n answers 404 for the unpublished URL.
		expect((await listWebhooks(stack().emulator)).map((remote) => remote.webhook_id)).toEqual([
			hookId,
		]);

		const failedIds = async () =>
			(
				(await apiCall(stack().emulator, 'GET', `/webhooks/${hookId}/deliveries?status=failed`))
					.body as Array<{ delivery_id: string }>
			).map((delivery) => delivery.delivery_id);
		const config = stack().emulator.control.config;
		const { maxAttempts } = config.get().webhooks;
		config.update({ webhooks: { maxAttempts: 1 } });
		try {
			for (const run of ['run_catch_up_1', 'run_catch_up_2', 'run_catch_up_3'])
				stack().emulator.control.events.emit('prompt_run.completed', {
					run_id: run,
					payload: { status: 'completed' },
				});
			await pollUntil(async () => ((await failedIds()).length === 3 ? true : undefined), {
				what: 'three failed deliveries while the workflow is unpublished',
			});
		} finally {
			config.update({ webhooks: { maxAttempts } });
		}
		expect(await executionCount(workflow)).toBe(0);

		await stack().publish(workflow.id);
		const executions = await stack().waitForExecutions(workflow.id, 3);
		const runIds = executions
			.map((execution) => (nodeOutput(execution, TRIGGER)[0] as { data: { run_id: string } }).data)
			.map((data) => data.run_id)
			.sort();
		expect(runIds).toEqual(['run_catch_up_1', 'run_catch_up_2', 'run_catch_up_3']);
		await pollUntil(async () => ((await failedIds()).length === 0 ? true : undefined), {
			what: 'every re-sent delivery to be delivered',
		});

		// Publishing again finds nothing left to catch up: still one execution per event.
		await stack().unpublish(workflow.id);
		await stack().publish(workflow.id);
		// Publishing returns before n8n serves the URL again; a test delivery marks the end.
		await pollUntil(
			async () => ((await sendTestDelivery(stack().emulator, hookId)).success ? true : undefined),
			{ what: 'the re-published trigger to answer' },
		);
		await stack().waitForExecutions(workflow.id, 4);
		expect(await executionCount(workflow)).toBe(4);

		await stack().unpublish(workflow.id);
		expect((await apiCall(stack().emulator, 'DELETE', `/webhooks/${hookId}`)).status).toBe(200);
		await webhookCount(0);
	});

	it('an event n8n answered while starting, without running anything, is recovered after the restart and runs once', async () => {
		const webhookId = '0f6a2c1e-7b3d-4e59-9a10-00000000e207';
		const workflow = await published(stack(), 'e2e: trigger start-up window', webhookId);
		await webhookCount(1);
		const hook = (await listWebhooks(stack().emulator)).find((remote) =>
			remote.url.endsWith(`/${webhookId}/webhook`),
		);
		const hookId = hook?.webhook_id ?? '';
		const deliveredLog = async () =>
			(await apiCall(stack().emulator, 'GET', `/webhooks/${hookId}/deliveries?status=delivered`))
				.body as Array<{ response_body: string | null; payload: { data: { run_id: string } } }>;
		const emit = (runId: string) =>
			stack().emulator.control.events.emit('prompt_run.completed', {
				run_id: runId,
				payload: { status: 'completed' },
			});
		// Events are sent only once the trigger answers a signed event it does not listen for
		// (answered "ignored", no execution), so a slow publish or restart cannot use up
		// VideoVector's retries.
		const registration = await savedRegistration(workflow.id, webhookId);
		let probes = 0;
		const untilTriggerAnswers = async () => {
			const id = `evt_probe_${++probes}`;
			const body = apiEnvelope(id, 'media.created', { video_id: 'vid_probe' });
			const call = {
				body,
				headers: apiDeliveryHeaders(registration.secret, registration.webhookId, body, id),
			};
			// 404 until n8n serves the URL; a refusal while it has not loaded the saved secret yet.
			const answer = await pollUntil(
				async () => {
					const response = await stack().webhook(`${webhookId}/webhook`, call);
					return response.status === 200 ? response : undefined;
				},
				{ what: 'the trigger to answer a signed probe' },
			);
			expect(answer.body).toEqual({ received: true, ignored: true });
		};
		// On a timeout: what VideoVector's log says about each delivery, to tell lost from slow.
		const explained = <T>(waiting: Promise<T>): Promise<T> =>
			waiting.catch(async (error: Error) => {
				const log = (await apiCall(stack().emulator, 'GET', `/webhooks/${hookId}/deliveries`))
					.body as Array<Record<string, unknown> & { payload?: { data?: { run_id?: string } } }>;
				const deliveries = log.map((entry) =>
					JSON.stringify({
						run: entry.payload?.data?.run_id,
						status: entry.status,
						attempts: entry.attempts,
						code: entry.response_status_code,
						body: entry.response_body,
						error: entry.error_message,
					}),
				);
				error.message += `\n${[
					...deliveries,
					await describeOutbox(sqliteOutbox(stack().userFolder), workflow.id),
					triggerAndWebhookLines(stack().logSinceStart()),
					stack().logs(30),
				].join('\n')}`;
				throw error;
			});
		const runIdsSoFar = async (count: number) =>
			(await explained(stack().waitForExecutions(workflow.id, count)))
				.map(
					(execution) => (nodeOutput(execution, TRIGGER)[0] as { data: { run_id: string } }).data,
				)
				.map((data) => data.run_id)
				.sort();
		await untilTriggerAnswers();
		emit('run_start_before');
		await explained(stack().waitForExecutions(workflow.id, 1));
		// The trigger's own answer, not n8n's default for an unset response field.
		expect((await deliveredLog())[0]?.response_body).toBe('{"received":true}');

		await stack().stopN8n();
		const window = await holdStartupWindow(stack().origin);
		try {
			emit('run_start_window');
			// VideoVector records the start-up answer as a successful delivery and will not send it again.
			const lost = await pollUntil(
				async () =>
					(await deliveredLog()).find((entry) => entry.payload.data.run_id === 'run_start_window'),
				{ what: 'the delivery answered by the starting n8n' },
			);
			expect(lost.response_body).toBe(N8N_STARTUP_ANSWER);
		} finally {
			await window.close();
		}
		await stack().restart();

		// The first delivery after the restart (the probe) makes the trigger look for what n8n answered
		// while starting.
		await untilTriggerAnswers();
		emit('run_start_after');
		expect(await runIdsSoFar(3)).toEqual([
			'run_start_after',
			'run_start_before',
			'run_start_window',
		]);
		// Logged once the re-sent delivery was answered, which may be just after its execution is listed.
		await pollUntil(
			async () => (stack().logSinceStart().includes(RECOVERED_ONE) ? true : undefined),
			{ what: 'the recovery to be logged' },
		);

		// The next restart finds that recovery done (it reads the log, not static data): no second run.
		await stack().restart();
		await untilTriggerAnswers();
		emit('run_start_second');
		await explained(stack().waitForExecutions(workflow.id, 4));
		emit('run_start_third');
		expect(await runIdsSoFar(5)).toEqual([
			'run_start_after',
			'run_start_before',
			'run_start_second',
			'run_start_third',
			'run_start_window',
		]);
		expect(stack().logSinceStart()).not.toContain('were sent to it again');

		await stack().unpublish(workflow.id);
		await explained(webhookCount(0));
	});
});
