import { createHash } from 'node:crypto';

import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { retryPolicy } from '../../../shared/n8n/api-client';
import { TriggerState } from '../../../triggers/VideoVectorTrigger/trigger-state';
import { apiCall, createApiKey, listWebhooks, sendTestDelivery } from './support/emulator-api';
import { useTriggerWorld } from './support/fixture';
import type { SendHttp } from './support/n8n-contexts';
import type { TriggerHost } from './support/trigger-host';

const world = useTriggerWorld();
const EVENTS = ['prompt_run.failed', 'export.ready', 'prompt_run.completed'];

interface Recorded {
	method: string;
	path: string;
	headers: Record<string, string>;
	body: unknown;
}

/** Records every API request the trigger sends (and still sends it). */
function record(host: TriggerHost): Recorded[] {
	const requests: Recorded[] = [];
	host.intercept = async (options: IHttpRequestOptions, send: SendHttp) => {
		const headers = Object.fromEntries(
			Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
		);
		requests.push({
			method: String(options.method),
			path: options.url,
			headers,
			body: options.body,
		});
		return await send(options);
	};
	return requests;
}

/** The API acts on `POST /webhooks` but its answer never reaches the trigger. */
function loseCreateAnswers(host: TriggerHost): { lost: number } {
	const counter = { lost: 0 };
	host.intercept = async (options, send) => {
		const answer = await send(options);
		if (options.method === 'POST' && options.url === '/webhooks') {
			counter.lost++;
			throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		}
		return answer;
	};
	return counter;
}

function registrationOf(staticData: IDataObject, url: string) {
	return new TriggerState(staticData).registration(url);
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('VideoVector Trigger lifecycle against the emulator', () => {
	it('publishing registers exactly one subscription, as the contract describes it; unpublishing removes it', async () => {
		const host = await world.host({ events: EVENTS });
		const requests = record(host);
		await host.publish();

		const hooks = await listWebhooks(world.emulator);
		expect(hooks).toHaveLength(1);
		const [hook] = hooks;
		expect(hook).toMatchObject({
			name: 'n8n: wf-trigger-test / node-trigger-1',
			url: host.productionUrl,
			events: ['export.ready', 'prompt_run.completed', 'prompt_run.failed'],
			index_ids: null,
			status: 'active',
			metadata: { n8n_workflow_id: 'wf-trigger-test', n8n_node_id: 'node-trigger-1' },
		});
		const create = requests.find(
			(request) => request.method === 'POST' && request.path === '/webhooks',
		);
		const expectedBody = {
			name: 'n8n: wf-trigger-test / node-trigger-1',
			url: host.productionUrl,
			events: ['export.ready', 'prompt_run.completed', 'prompt_run.failed'],
			index_ids: null,
			metadata: { n8n_workflow_id: 'wf-trigger-test', n8n_node_id: 'node-trigger-1' },
		};
		expect(create?.body).toEqual(expectedBody);
		expect(create?.headers['idempotency-key']).toBe(
			`n8n-webhook-${createHash('sha256').update(JSON.stringify(expectedBody)).digest('hex')}`,
		);

		const saved = registrationOf(host.savedStaticData, host.productionUrl);
		expect(saved).toMatchObject({ kind: 'production', webhookId: hook?.webhook_id });
		expect(saved?.pendingSince).toBeUndefined();
		expect(saved?.secrets).toEqual([
			{ secret: expect.stringMatching(/^whsec_/), validUntil: null },
		]);

		await host.unpublish();
		expect(await listWebhooks(world.emulator)).toEqual([]);
		expect(registrationOf(host.savedStaticData, host.productionUrl)).toBeUndefined();
		expect(requests.at(-1)).toMatchObject({
			method: 'DELETE',
			path: `/webhooks/${hook?.webhook_id}`,
		});
	});

	it('repeated publish/unpublish cycles leak nothing, and re-publishing keeps the existing subscription', async () => {
		const host = await world.host({ events: EVENTS });
		const ids = new Set<string>();
		for (let cycle = 0; cycle < 5; cycle++) {
			await host.publish();
			const requests = record(host);
			await host.publish(); // n8n re-activation (e.g. leadership change): checkExists says yes
			// …and reads the delivery log for deliveries to catch up on (none failed here).
			expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
				expect.stringMatching(/^GET \/webhooks\/wh_\w+$/),
				expect.stringMatching(/^GET \/webhooks\/wh_\w+\/deliveries$/),
			]);
			const hooks = await listWebhooks(world.emulator);
			expect(hooks).toHaveLength(1);
			ids.add(hooks[0]?.webhook_id ?? '');
			host.intercept = undefined;
			await host.unpublish();
			expect(await listWebhooks(world.emulator)).toEqual([]);
		}
		// Same subscription, same key: the API hands the same id back after each deletion (docs/api/conventions.md#idempotency-keys).
		expect(ids.size).toBe(1);
	});

	it('a changed event selection or index filter replaces the subscription (old one deleted)', async () => {
		const host = await world.host({ events: EVENTS });
		await host.publish();
		const [before] = await listWebhooks(world.emulator);
		host.parameters = {
			...host.parameters,
			events: ['export.ready'],
			indexIds: ['idx_b', 'idx_a'],
		};
		await host.publish();
		const after = await listWebhooks(world.emulator);
		expect(after).toHaveLength(1);
		expect(after[0]).toMatchObject({ events: ['export.ready'], index_ids: ['idx_a', 'idx_b'] });
		expect(after[0]?.webhook_id).not.toBe(before?.webhook_id);
		expect(registrationOf(host.savedStaticData, host.productionUrl)?.webhookId).toBe(
			after[0]?.webhook_id,
		);
	});

	it('"All Events" subscribes to every event type the API lists', async () => {
		const host = await world.host({ events: ['*'] });
		await host.publish();
		const [hook] = await listWebhooks(world.emulator);
		const offered = (await apiCall(world.emulator, 'GET', '/webhooks/events')).body as string[];
		expect(hook?.events).toEqual([...offered].sort());
		expect(hook?.events).toHaveLength(17);
	});

	it('a subscription deleted behind its back (404) is registered again; unpublishing then tolerates 404', async () => {
		const host = await world.host({ events: EVENTS });
		await host.publish();
		const [hook] = await listWebhooks(world.emulator);
		expect((await apiCall(world.emulator, 'DELETE', `/webhooks/${hook?.webhook_id}`)).status).toBe(
			200,
		);

		await host.publish();
		const again = await listWebhooks(world.emulator);
		expect(again).toHaveLength(1);
		expect(host.logs.map((line) => line.message)).toContainEqual(
			expect.stringContaining('no longer exists'),
		);
		expect((await sendTestDelivery(world.emulator, again[0]?.webhook_id ?? '')).status_code).toBe(
			200,
		);

		await apiCall(world.emulator, 'DELETE', `/webhooks/${again[0]?.webhook_id}`);
		await host.unpublish();
		expect(registrationOf(host.savedStaticData, host.productionUrl)).toBeUndefined();
		expect(host.logs.at(-1)?.message).toMatch(/already deleted/);
	});

	it('a paused subscription is replaced by an active one', async () => {
		const host = await world.host({ events: EVENTS });
		await host.publish();
		const [hook] = await listWebhooks(world.emulator);
		await apiCall(world.emulator, 'PATCH', `/webhooks/${hook?.webhook_id}`, {
			body: { status: 'paused' },
		});
		await host.publish();
		const hooks = await listWebhooks(world.emulator);
		expect(hooks).toHaveLength(1);
		expect(hooks[0]?.status).toBe('active');
	});

	it('403 on delete names the admin scope, keeps the subscription and its state, and a retry with an admin key cleans up', async () => {
		const host = await world.host({ events: EVENTS });
		await host.publish();
		const adminCredential = host.credentials.n8nNodesVideoVectorApi;
		const writeOnly = await createApiKey(world.emulator, ['read', 'write']);
		host.credentials = {
			...host.credentials,
			n8nNodesVideoVectorApi: { ...adminCredential, apiKey: writeOnly },
		};

		const failure = await host.unpublish().then(
			() => undefined,
			(error: Error) => error,
		);
		expect(failure?.message).toMatch(/admin scope/);
		expect(failure?.message).not.toContain(writeOnly);
		expect(await listWebhooks(world.emulator)).toHaveLength(1);
		expect(registrationOf(host.savedStaticData, host.productionUrl)?.webhookId).toBeDefined();

		host.credentials = { ...host.credentials, n8nNodesVideoVectorApi: adminCredential };
		await host.unpublish();
		expect(await listWebhooks(world.emulator)).toEqual([]);
	});

	it('a lost create answer, replayed later with the same key, yields the same webhook and no second one', async () => {
		vi.spyOn(retryPolicy, 'sleep').mockResolvedValue(undefined);
		const host = await world.host({ events: EVENTS });
		const lost = loseCreateAnswers(host);
		// n8n dies before it can clean up or save anything.
		await expect(host.publish({ crash: true })).rejects.toThrow();
		expect(lost.lost).toBe(4); // the first try and the shared policy's 3 retries, all with the same key
		const orphan = await listWebhooks(world.emulator);
		expect(orphan).toHaveLength(1);

		host.intercept = undefined;
		await host.publish();
		const hooks = await listWebhooks(world.emulator);
		expect(hooks).toHaveLength(1);
		expect(hooks[0]?.webhook_id).toBe(orphan[0]?.webhook_id);
		expect(registrationOf(host.savedStaticData, host.productionUrl)?.webhookId).toBe(
			orphan[0]?.webhook_id,
		);
		// The replayed answer carried the live secret: a signed delivery verifies.
		expect((await sendTestDelivery(world.emulator, orphan[0]?.webhook_id ?? '')).status_code).toBe(
			200,
		);
		expect(host.executions).toHaveLength(1);
	});

	it('the idempotency key is saved before the POST, so a create retried in the same process replays it', async () => {
		vi.spyOn(retryPolicy, 'sleep').mockResolvedValue(undefined);
		const host = await world.host({ events: EVENTS });
		loseCreateAnswers(host);
		const staticData: IDataObject = {};
		const context = host.hookContext('production', 'trigger', staticData);
		await expect(host.trigger.webhookMethods.default.create.call(context)).rejects.toThrow();
		const pending = registrationOf(staticData, host.productionUrl);
		expect(pending?.pendingSince).toEqual(expect.any(Number));
		expect(pending?.idempotencyKey).toMatch(/^n8n-webhook-[0-9a-f]{64}$/);
		expect(pending?.webhookId).toBeUndefined();

		host.intercept = undefined;
		const retry = host.hookContext('production', 'trigger', staticData);
		expect(await host.trigger.webhookMethods.default.checkExists.call(retry)).toBe(false);
		await host.trigger.webhookMethods.default.create.call(retry);
		const hooks = await listWebhooks(world.emulator);
		expect(hooks).toHaveLength(1);
		expect(registrationOf(staticData, host.productionUrl)).toMatchObject({
			webhookId: hooks[0]?.webhook_id,
			idempotencyKey: pending?.idempotencyKey,
		});
		expect(registrationOf(staticData, host.productionUrl)?.pendingSince).toBeUndefined();
	});

	it("when activation fails after a lost answer, n8n's cleanup finds and deletes the orphan", async () => {
		vi.spyOn(retryPolicy, 'sleep').mockResolvedValue(undefined);
		const host = await world.host({ events: EVENTS });
		loseCreateAnswers(host);
		await expect(host.publish()).rejects.toThrow();
		expect(await listWebhooks(world.emulator)).toEqual([]);
	});

	it("without any stored state, delete removes only this node's own subscription for this URL", async () => {
		const host = await world.host({ events: EVENTS });
		const mine = { n8n_workflow_id: 'wf-trigger-test', n8n_node_id: 'node-trigger-1' };
		const create = (url: string, metadata: Record<string, string>) =>
			apiCall(world.emulator, 'POST', '/webhooks', {
				body: { name: 'x', url, events: ['export.ready'], metadata },
			});
		await create(host.productionUrl, mine); // our orphan
		await create(host.productionUrl, { ...mine, n8n_node_id: 'another-node' });
		await create(host.testUrl, mine); // our test twin: not this URL
		await create('https://elsewhere.example.com/hook', mine);

		await host.unpublish();
		const left = await listWebhooks(world.emulator);
		expect(left).toHaveLength(3);
		expect(
			left.some(
				(hook) =>
					hook.url === host.productionUrl && hook.metadata?.n8n_node_id === 'node-trigger-1',
			),
		).toBe(false);
	});

	it('test and production registrations are separate, and the test listener removes only its own', async () => {
		// The automatic test event is covered by test-event.test.ts; here every delivery is sent by hand.
		const host = await world.host({ events: EVENTS, options: { sendTestEvent: false } });
		await host.publish();
		await host.listenForTest();
		const both = await listWebhooks(world.emulator);
		expect(both.map((hook) => hook.url).sort()).toEqual([host.productionUrl, host.testUrl].sort());
		const production = both.find((hook) => hook.url === host.productionUrl);
		const test = both.find((hook) => hook.url === host.testUrl);
		expect(registrationOf(host.testStaticData ?? {}, host.testUrl)).toMatchObject({
			kind: 'test',
			webhookId: test?.webhook_id,
		});
		expect(registrationOf(host.savedStaticData, host.testUrl)).toBeUndefined();

		// A test delivery reaches the test URL and starts a test execution only.
		expect((await sendTestDelivery(world.emulator, test?.webhook_id ?? '')).status_code).toBe(200);
		expect(host.executionsOf('test')).toHaveLength(1);
		expect(host.executionsOf('production')).toHaveLength(0);

		await host.stopTestListener();
		const left = await listWebhooks(world.emulator);
		expect(left.map((hook) => hook.webhook_id)).toEqual([production?.webhook_id]);
		expect((await sendTestDelivery(world.emulator, production?.webhook_id ?? '')).status_code).toBe(
			200,
		);
		expect(host.executionsOf('production')).toHaveLength(1);

		await host.unpublish();
		expect(await listWebhooks(world.emulator)).toEqual([]);
	});

	it('a test listener on an unpublished workflow cleans up after itself', async () => {
		const host = await world.host({ events: ['*'], options: { sendTestEvent: false } });
		for (let round = 0; round < 3; round++) {
			await host.listenForTest();
			expect(await listWebhooks(world.emulator)).toHaveLength(1);
			await host.stopTestListener();
			expect(await listWebhooks(world.emulator)).toEqual([]);
		}
	});

	it('refuses a non-https public URL and an empty event choice before sending anything', async () => {
		const host = await world.host({ events: EVENTS });
		const requests = record(host);
		const context = host.hookContext('production', 'trigger', {});
		const insecure = {
			...context,
			getNodeWebhookUrl: () => 'http://n8n.example.com/webhook/abc/webhook',
		} as typeof context;
		await expect(host.trigger.webhookMethods.default.create.call(insecure)).rejects.toThrow(
			/https/,
		);
		host.parameters = { ...host.parameters, events: [] };
		const noEvents = host.hookContext('production', 'trigger', {});
		await expect(host.trigger.webhookMethods.default.create.call(noEvents)).rejects.toThrow(
			/at least one event/,
		);
		host.parameters = { ...host.parameters, events: ['segment.completed'] };
		const segmentsOnly = host.hookContext('production', 'trigger', {});
		await expect(host.trigger.webhookMethods.default.create.call(segmentsOnly)).rejects.toThrow(
			/Segment events reach only the Event Stream and Poll Triggers/,
		);
		expect(requests).toEqual([]);
	});

	it('checkExists fails over to re-registration when the state lacks a secret, and never throws away other errors', async () => {
		const host = await world.host({ events: EVENTS });
		await host.publish();
		const state = new TriggerState(host.savedStaticData);
		const registration = state.registration(host.productionUrl);
		state.setRegistration(host.productionUrl, registration && { ...registration, secrets: [] });
		const context = host.hookContext('production', 'trigger', host.savedStaticData);
		expect(await host.trigger.webhookMethods.default.checkExists.call(context)).toBe(false);

		await host.publish();
		expect(await listWebhooks(world.emulator)).toHaveLength(1);

		// An outage must surface, not look like "gone" (which would re-create).
		vi.spyOn(retryPolicy, 'sleep').mockResolvedValue(undefined);
		world.emulator.control.faults.add({
			kind: 'server_error',
			method: 'GET',
			path: '/webhooks/*',
			status: 503,
		});
		const afterPublish = host.hookContext('production', 'trigger', host.savedStaticData);
		await expect(
			host.trigger.webhookMethods.default.checkExists.call(afterPublish),
		).rejects.toMatchObject({ httpCode: '503' });
		world.emulator.control.faults.clear();
		expect(await listWebhooks(world.emulator)).toHaveLength(1);
	});
});
