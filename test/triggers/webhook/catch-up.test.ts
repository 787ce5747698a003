import { describe, expect, it } from 'vitest';

import { apiCall, listWebhooks } from './support/emulator-api';
import { useTriggerWorld } from './support/fixture';
import type { TriggerHost } from './support/trigger-host';
import { waitUntil } from './support/wait';

const world = useTriggerWorld();
const RUNS = ['run_missed_1', 'run_missed_2', 'run_missed_3'];

async function failedDeliveries(webhookId: string): Promise<string[]> {
	const answer = await apiCall(
		world.emulator,
		'GET',
		`/webhooks/${webhookId}/deliveries?status=failed`,
	);
	return (answer.body as Array<{ delivery_id: string }>).map((delivery) => delivery.delivery_id);
}

/** Unpublishes, lets VideoVector give up on one delivery per run (n8n answers 404), and returns the subscription id. */
async function missEvents(host: TriggerHost): Promise<string> {
	const [subscription] = await listWebhooks(world.emulator);
	const webhookId = subscription?.webhook_id ?? '';
	await host.unpublish();
	world.emulator.control.config.update({ webhooks: { maxAttempts: 1 } });
	for (const run of RUNS)
		world.emulator.control.events.emit('prompt_run.completed', { run_id: run, payload: {} });
	await waitUntil(
		async () => (await failedDeliveries(webhookId)).length >= RUNS.length,
		'the deliveries to fail',
	);
	return webhookId;
}

function runIdsOf(host: TriggerHost): string[] {
	return host
		.executionsOf('production')
		.map((execution) => (execution.items[0]?.json.data as { run_id: string }).run_id)
		.sort();
}

describe('VideoVector Trigger: catch-up after downtime', () => {
	it('keeps the subscription while unpublished and, on publish, has the failed deliveries re-sent: each runs once', async () => {
		const host = await world.host({
			events: ['prompt_run.completed'],
			options: { keepSubscriptionWhileUnpublished: true },
		});
		await host.publish();
		const webhookId = await missEvents(host);
		expect(await listWebhooks(world.emulator)).toHaveLength(1);
		expect(host.executionsOf('production')).toEqual([]);

		await host.publish();
		await waitUntil(
			() => host.executionsOf('production').length === RUNS.length,
			'three executions',
		);
		expect(runIdsOf(host)).toEqual(RUNS);
		const retries = world.emulator.control.requests
			.list({ method: 'POST' })
			.filter((request) => request.path.endsWith('/retry'));
		expect(retries).toHaveLength(RUNS.length);

		// Publishing again finds nothing failed: no request, no execution.
		await waitUntil(() => host.executionsOf('production').length === RUNS.length, 'settled');
		await waitUntil(
			async () => (await failedDeliveries(webhookId)).length === 0,
			'the re-sent deliveries to leave the failed list',
		);
		await host.publish();
		expect(runIdsOf(host)).toEqual(RUNS);
		expect(
			world.emulator.control.requests
				.list({ method: 'POST' })
				.filter((r) => r.path.endsWith('/retry')),
		).toHaveLength(RUNS.length);
	});

	it('without "Keep Subscription While Unpublished" the subscription goes, and with it the missed events', async () => {
		const host = await world.host({ events: ['prompt_run.completed'] });
		await host.publish();
		await host.unpublish();
		expect(await listWebhooks(world.emulator)).toEqual([]);
	});

	it('"Re-Send Missed Deliveries" off leaves the failed deliveries alone', async () => {
		const host = await world.host({
			events: ['prompt_run.completed'],
			options: { keepSubscriptionWhileUnpublished: true, resendMissedDeliveries: false },
		});
		await host.publish();
		const webhookId = await missEvents(host);
		await host.publish();
		expect(await failedDeliveries(webhookId)).toHaveLength(RUNS.length);
		expect(host.executionsOf('production')).toEqual([]);
	});
});
