import { describe, expect, it } from 'vitest';

import { webhookEventLoadOptions } from '../../../nodes/VideoVector/methods/webhook-event-types';
import { createExecuteContext } from '../../support/execute-context';
import {
	recordingSend,
	runNode,
	TEST_API_KEY,
	TEST_BASE_URL,
	type RecordedRequest,
} from '../../support/run-node';
import { byId, path } from '../../support/node-fixtures';

const SECRET = 'whsec_c2VjcmV0LXNob3duLW9uY2UtdGVzdA';
const created = {
	webhook_id: 'wh_1',
	name: 'Ops',
	url: 'https://hooks.example.com/vv',
	events: ['prompt_run.completed'],
	index_ids: null,
	status: 'active',
	secret: SECRET,
};

const createParams = {
	resource: 'webhook',
	operation: 'create',
	name: 'Ops',
	url: 'https://hooks.example.com/vv',
	events: ['prompt_run.completed', 'import_job.failed'],
	options: {},
};

async function refusedBeforeSending(parameters: Record<string, unknown>, message: string | RegExp) {
	const requests: RecordedRequest[] = [];
	const run = runNode({ parameters, respond: (r) => (requests.push(r), { body: {} }) });
	await expect(run).rejects.toThrow(message);
	expect(requests).toHaveLength(0);
}

describe('Webhook: create', () => {
	it('sends name, url, events and index_ids null (every index), and returns the secret once', async () => {
		const { requests, output } = await runNode({
			parameters: createParams,
			respond: () => ({ statusCode: 201, body: created }),
		});
		expect(requests[0].method).toBe('POST');
		expect(requests[0].url).toBe(`${TEST_BASE_URL}/webhooks`);
		expect(requests[0].body).toEqual({
			name: 'Ops',
			url: 'https://hooks.example.com/vv',
			events: ['prompt_run.completed', 'import_job.failed'],
			index_ids: null,
		});
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		expect(output[0].json.secret).toBe(SECRET);
	});

	it('sends index ids and metadata when given', async () => {
		const { requests } = await runNode({
			parameters: {
				...createParams,
				options: { indexIds: 'idx_1, idx_2\nidx_1', metadata: '{"team": "media"}' },
			},
			respond: () => ({ statusCode: 201, body: created }),
		});
		expect(requests[0].body).toMatchObject({
			index_ids: ['idx_1', 'idx_2'],
			metadata: { team: 'media' },
		});
	});

	it.each(['http://localhost:5678/webhook/abc', 'http://127.0.0.1:9000/hook'])(
		'accepts the local http URL %s',
		async (url) => {
			const { requests } = await runNode({
				parameters: { ...createParams, url },
				respond: () => ({ statusCode: 201, body: created }),
			});
			expect((requests[0].body as { url: string }).url).toBe(url);
		},
	);

	it.each([
		['http://hooks.example.com/vv', 'must use https'],
		['ftp://hooks.example.com/vv', 'must use https'],
		['not a url', 'not a valid URL'],
		['', 'URL is required'],
	])('refuses the URL %j before sending', async (url, message) => {
		await refusedBeforeSending({ ...createParams, url }, message);
	});

	it('refuses an empty event list, a missing name and invalid metadata before sending', async () => {
		await refusedBeforeSending({ ...createParams, events: [] }, 'Select at least one event');
		await refusedBeforeSending({ ...createParams, name: ' ' }, 'Name is required');
		await refusedBeforeSending(
			{ ...createParams, name: 'x'.repeat(101) },
			'Name must be at most 100 characters long (got 101)',
		);
		await refusedBeforeSending(
			{ ...createParams, options: { metadata: '{"team": ' } },
			'Metadata is not valid JSON',
		);
		await refusedBeforeSending(
			{ ...createParams, options: { metadata: '[1, 2]' } },
			'Metadata must be a JSON object',
		);
	});
});

describe('Webhook: update', () => {
	const base = { resource: 'webhook', operation: 'update', webhookId: byId('wh_1'), options: {} };

	it('sends only the fields given, as a PATCH with an Idempotency-Key', async () => {
		const { requests } = await runNode({
			parameters: {
				...base,
				updateFields: { status: 'paused', indexIds: '', events: ['export.ready'] },
			},
			respond: () => ({ body: { ...created, status: 'paused' } }),
		});
		expect(requests[0].method).toBe('PATCH');
		expect(path(requests[0].url)).toBe('/webhooks/wh_1');
		expect(requests[0].body).toEqual({
			status: 'paused',
			index_ids: null,
			events: ['export.ready'],
		});
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-/);
	});

	it('checks the URL and metadata it is given', async () => {
		const { requests } = await runNode({
			parameters: {
				...base,
				updateFields: { url: 'https://new.example.com/h', name: 'Renamed', metadata: '{}' },
			},
			respond: () => ({ body: created }),
		});
		expect(requests[0].body).toEqual({
			url: 'https://new.example.com/h',
			name: 'Renamed',
			metadata: {},
		});
		await refusedBeforeSending(
			{ ...base, updateFields: { url: 'http://example.com' } },
			'must use https',
		);
	});

	it('refuses an update without fields, or with an empty name or event list', async () => {
		await refusedBeforeSending({ ...base, updateFields: {} }, 'Add at least one field to update');
		await refusedBeforeSending({ ...base, updateFields: { name: '' } }, 'Name cannot be empty');
		await refusedBeforeSending(
			{ ...base, updateFields: { events: [] } },
			'Select at least one event',
		);
	});
});

describe('Webhook: secret, test and deliveries', () => {
	it('rotate secret is a bodyless POST without Idempotency-Key and returns the new secret', async () => {
		const { requests, output } = await runNode({
			parameters: { resource: 'webhook', operation: 'rotateSecret', webhookId: byId('wh_1') },
			respond: () => ({ body: { webhook_id: 'wh_1', new_secret: 'whsec_bmV3' } }),
		});
		expect(requests[0].method).toBe('POST');
		expect(path(requests[0].url)).toBe('/webhooks/wh_1/rotate-secret');
		expect(requests[0].body).toBeUndefined();
		expect(requests[0].headers['idempotency-key']).toBeUndefined();
		expect(output[0].json).toEqual({ webhook_id: 'wh_1', new_secret: 'whsec_bmV3' });
	});

	it('rotate secret is not retried after a 503 (a retry could rotate twice)', async () => {
		const requests: RecordedRequest[] = [];
		const run = runNode({
			parameters: { resource: 'webhook', operation: 'rotateSecret', webhookId: byId('wh_1') },
			respond: (r) => (
				requests.push(r),
				{ statusCode: 503, body: { error: { code: 'unavailable', message: 'try later' } } }
			),
		});
		await expect(run).rejects.toThrow('try later');
		expect(requests).toHaveLength(1);
	});

	it('test sends a bodyless POST with an Idempotency-Key', async () => {
		const { requests, output } = await runNode({
			parameters: { resource: 'webhook', operation: 'test', webhookId: byId('wh_1'), options: {} },
			respond: () => ({ body: { success: true, status_code: 200, error: null } }),
		});
		expect(path(requests[0].url)).toBe('/webhooks/wh_1/test');
		expect(requests[0].body).toBeUndefined();
		expect(requests[0].headers['idempotency-key']).toMatch(/^n8n-/);
		expect(output[0].json).toEqual({ success: true, status_code: 200, error: null });
	});

	it('list deliveries passes status and limit', async () => {
		const deliveries = Array.from({ length: 3 }, (_, i) => ({
			delivery_id: `dlv_${i}`,
			status: 'failed',
		}));
		const { requests, output } = await runNode({
			parameters: {
				resource: 'webhook',
				operation: 'getDeliveries',
				webhookId: byId('wh_1'),
				returnAll: false,
				limit: 2,
				filters: { status: 'failed' },
			},
			respond: () => ({ body: deliveries }),
		});
		const url = new URL(requests[0].url);
		expect(url.pathname).toBe('/api/v2/webhooks/wh_1/deliveries');
		expect(Object.fromEntries(url.searchParams)).toEqual({ limit: '2', status: 'failed' });
		expect(output.map((i) => i.json.delivery_id)).toEqual(['dlv_0', 'dlv_1']);
	});

	it('get and retry a delivery by id', async () => {
		const get = await runNode({
			parameters: { resource: 'webhook', operation: 'getDelivery', deliveryId: 'dlv_1' },
			respond: () => ({
				body: { delivery_id: 'dlv_1', payload: { id: 'evt_1', event: 'export.ready', data: {} } },
			}),
		});
		expect(`${get.requests[0].method} ${path(get.requests[0].url)}`).toBe(
			'GET /webhooks/deliveries/dlv_1',
		);
		expect(get.output[0].json.delivery_id).toBe('dlv_1');
		const retry = await runNode({
			parameters: { resource: 'webhook', operation: 'retryDelivery', deliveryId: 'dlv_1' },
			respond: () => ({ body: { delivery_id: 'dlv_1', status: 'pending' } }),
		});
		expect(`${retry.requests[0].method} ${path(retry.requests[0].url)}`).toBe(
			'POST /webhooks/deliveries/dlv_1/retry',
		);
		expect(retry.requests[0].headers['idempotency-key']).toBeUndefined();
		await refusedBeforeSending(
			{ resource: 'webhook', operation: 'retryDelivery', deliveryId: '' },
			'Delivery is required',
		);
	});

	it('list, get and delete webhooks', async () => {
		const list = await runNode({
			parameters: { resource: 'webhook', operation: 'getAll', returnAll: true },
			respond: () => ({ body: [created, { ...created, webhook_id: 'wh_2' }] }),
		});
		expect(`${list.requests[0].method} ${path(list.requests[0].url)}`).toBe('GET /webhooks');
		expect(list.output).toHaveLength(2);
		const get = await runNode({
			parameters: { resource: 'webhook', operation: 'get', webhookId: byId('wh_1') },
			respond: () => ({ body: created }),
		});
		expect(`${get.requests[0].method} ${path(get.requests[0].url)}`).toBe('GET /webhooks/wh_1');
		const del = await runNode({
			parameters: { resource: 'webhook', operation: 'delete', webhookId: byId('wh_1') },
			respond: () => ({ body: { status: 'deleted' } }),
		});
		expect(`${del.requests[0].method} ${path(del.requests[0].url)}`).toBe('DELETE /webhooks/wh_1');
		expect(del.output[0].json).toEqual({ deleted: true, id: 'wh_1' });
	});
});

describe('Webhook: event types', () => {
	const names = ['media.created', 'prompt_run.completed', 'export.ready'];

	it('list event types returns one item per event name', async () => {
		const { requests, output } = await runNode({
			parameters: { resource: 'webhook', operation: 'getEventTypes', returnAll: false, limit: 2 },
			respond: () => ({ body: names }),
		});
		expect(`${requests[0].method} ${path(requests[0].url)}`).toBe('GET /webhooks/events');
		expect(output.map((item) => item.json)).toEqual([
			{ event_type: 'media.created' },
			{ event_type: 'prompt_run.completed' },
		]);
	});

	it('the event picker loads names from the API, sorted, labelled, deduplicated', async () => {
		const requests: RecordedRequest[] = [];
		const context = createExecuteContext({
			parameters: {},
			credentials: { apiKey: TEST_API_KEY, baseUrl: TEST_BASE_URL },
			send: recordingSend(
				() => ({ body: [...names, 'media.created', 'new.kind_of_event'] }),
				requests,
			),
		});
		const options = await webhookEventLoadOptions.getWebhookEventTypes.call(context);
		expect(path(requests[0].url)).toBe('/webhooks/events');
		expect(options).toEqual([
			{ name: 'Export Ready', value: 'export.ready', description: 'export.ready' },
			{ name: 'Media Created', value: 'media.created', description: 'media.created' },
			{ name: 'New Kind Of Event', value: 'new.kind_of_event', description: 'new.kind_of_event' },
			{
				name: 'Prompt Run Completed',
				value: 'prompt_run.completed',
				description: 'prompt_run.completed',
			},
		]);
	});
});
