import { describe, expect, it } from 'vitest';

import { apiDeliveryHeaders } from './support/signed-delivery';
import { recentDeliveries } from '../../../triggers/VideoVectorTrigger/recent-deliveries';
import { TriggerState } from '../../../triggers/VideoVectorTrigger/trigger-state';
import { useTriggerWorld } from './support/fixture';

const world = useTriggerWorld();
const HOUR = 3_600_000;

async function published() {
	const host = await world.host({ events: ['prompt_run.completed'] });
	await host.publish();
	const registration = new TriggerState(host.savedStaticData).registration(host.productionUrl);
	if (!registration?.webhookId || !registration.secrets[0]) throw new Error('not registered');
	return { host, webhookId: registration.webhookId, secret: registration.secrets[0].secret };
}

function envelope(id: string, createdAt: string | null = new Date().toISOString()): string {
	return JSON.stringify({
		id,
		event: 'prompt_run.completed',
		data: { run_id: 'run_1' },
		api_version: '2024-01',
		...(createdAt === null ? {} : { created_at: createdAt }),
	});
}

describe('replay protection in the VideoVector Trigger (direct deliveries)', () => {
	it('a captured delivery re-sent under new X-Delivery-Id values is refused and starts one execution', async () => {
		const { host, webhookId, secret } = await published();
		const body = envelope('evt_captured');
		expect(
			(
				await host.deliver(
					'production',
					body,
					apiDeliveryHeaders(secret, webhookId, body, 'evt_captured'),
				)
			).status,
		).toBe(200);
		for (const forged of ['dlv_forged_1', 'dlv_forged_2']) {
			recentDeliveries.clear();
			expect(
				(
					await host.deliver(
						'production',
						body,
						apiDeliveryHeaders(secret, webhookId, body, forged),
					)
				).status,
			).toBe(400);
		}
		expect(host.executions).toHaveLength(1);
	});

	it('refuses an envelope older than the 24 h memory, or one without created_at, and starts nothing', async () => {
		const { host, webhookId, secret } = await published();
		const stale = envelope('evt_stale', new Date(Date.now() - 25 * HOUR).toISOString());
		expect(
			(
				await host.deliver(
					'production',
					stale,
					apiDeliveryHeaders(secret, webhookId, stale, 'evt_stale'),
				)
			).status,
		).toBe(400);
		const undated = envelope('evt_undated', null);
		expect(
			(
				await host.deliver(
					'production',
					undated,
					apiDeliveryHeaders(secret, webhookId, undated, 'evt_undated'),
				)
			).status,
		).toBe(400);
		expect(host.executions).toHaveLength(0);
	});

	it('an id pushed out of the 1,000-id memory cannot be replayed', async () => {
		const { host, webhookId, secret } = await published();
		const first = envelope('evt_first', new Date(Date.now() - HOUR).toISOString());
		expect(
			(
				await host.deliver(
					'production',
					first,
					apiDeliveryHeaders(secret, webhookId, first, 'evt_first'),
				)
			).status,
		).toBe(200);
		// 1,000 later deliveries push evt_first out of the process's memory (n8n 2.41.1 saves no copy).
		for (let index = 0; index < 1_000; index++) {
			const body = envelope(`evt_fill_${index}`);
			expect(
				(
					await host.deliver(
						'production',
						body,
						apiDeliveryHeaders(secret, webhookId, body, `evt_fill_${index}`),
					)
				).status,
			).toBe(200);
		}
		const replay = await host.deliver(
			'production',
			first,
			apiDeliveryHeaders(secret, webhookId, first, 'evt_first'),
		);
		expect(replay.status).toBe(400);
		expect(host.executions).toHaveLength(1_001);
	}, 120_000);
});
