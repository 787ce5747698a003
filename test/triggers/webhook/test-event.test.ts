import { describe, expect, it } from 'vitest';

import { listWebhooks } from './support/emulator-api';
import { useTriggerWorld } from './support/fixture';
import { waitUntil } from './support/wait';

const world = useTriggerWorld();
const EVENTS = ['prompt_run.completed'];

function testRequests(path: RegExp) {
	return world.emulator.control.requests
		.list({ method: 'POST' })
		.filter((request) => path.test(request.path));
}

describe('VideoVector Trigger: listening for a test event', () => {
	it('asks VideoVector for a test event, which arrives as a test execution once the listener is complete', async () => {
		const host = await world.host({ events: EVENTS });
		await host.listenForTest();
		const [subscription] = await listWebhooks(world.emulator);
		expect(subscription?.url).toBe(host.testUrl);

		await waitUntil(() => host.executionsOf('test').length === 1, 'the test execution');
		const [execution] = host.executionsOf('test');
		expect(execution?.items[0]?.json).toMatchObject({
			event: 'webhook.test',
			delivery: { mode: 'direct', webhook_id: subscription?.webhook_id },
		});
		expect(host.executionsOf('production')).toHaveLength(0);
		expect(testRequests(/^\/webhooks\/[^/]+\/test$/)).toHaveLength(1);
	});

	it('publishing a workflow asks for no test event', async () => {
		const host = await world.host({ events: EVENTS });
		await host.publish();
		await host.unpublish();
		expect(testRequests(/\/test$/)).toEqual([]);
	});

	it('sends nothing when "Send Test Event When Listening" is off', async () => {
		const host = await world.host({ events: EVENTS, options: { sendTestEvent: false } });
		await host.listenForTest();
		await host.stopTestListener();
		expect(testRequests(/\/test$/)).toEqual([]);
		expect(host.executionsOf('test')).toEqual([]);
	});
});
