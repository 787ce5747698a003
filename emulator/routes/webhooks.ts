import type { Router } from 'express';
import type { Emulator } from '../core/context.js';
import { invalid, notFound } from '../core/errors.js';
import { created, ok } from '../core/reply.js';
import { route } from '../core/route.js';
import { Rng } from '../core/rng.js';
import type { WebhookRec } from '../core/types.js';
import { checkEnum, Fields } from '../core/validation.js';
import { WEBHOOK_EVENTS, renderDelivery, renderWebhook } from '../sim/webhook-delivery.js';
import { deleted, findWebhook } from './lookups.js';

/** Webhooks (docs/api/conventions.md#webhooks). `/webhooks/events` and `/webhooks/deliveries/*` precede `/webhooks/:webhook_id`. */

const secretRngs = new WeakMap<Emulator, Rng>();

function newSecret(emu: Emulator): string {
	let rng = secretRngs.get(emu);
	if (!rng) {
		rng = new Rng(`${emu.seed}:webhook-secrets`);
		secretRngs.set(emu, rng);
	}
	return `whsec_${rng.hex(48)}`;
}

/** https anywhere, or plain http to loopback (local receivers and tests). */
function checkUrl(value: string, field = 'url'): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw invalid(field, 'must be an absolute URL');
	}
	if (url.username || url.password) throw invalid(field, 'must not contain credentials');
	const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
		throw invalid(field, 'must use https (http is accepted only for 127.0.0.1/localhost)');
	return value;
}

function checkEvents(f: Fields, required: boolean): string[] | undefined {
	const events = required ? f.strArray('events', { min: 1 }) : f.optStrArray('events', { min: 1 });
	events?.forEach((event, i) => checkEnum(`events[${i}]`, event, WEBHOOK_EVENTS));
	return events ? [...new Set(events)] : undefined;
}

export function registerWebhookRoutes(router: Router, emu: Emulator): void {
	route(router, emu, { method: 'GET', path: '/webhooks/events', scope: null, auth: 'none' }, () =>
		ok([...WEBHOOK_EVENTS]),
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/webhooks/deliveries/:delivery_id', scope: 'read' },
		({ params }) => {
			const delivery = emu.store.deliveries.get(params.delivery_id as string);
			if (!delivery) throw notFound('delivery', params.delivery_id as string);
			return ok(renderDelivery(delivery));
		},
	);

	route(
		router,
		emu,
		{
			method: 'POST',
			path: '/webhooks/deliveries/:delivery_id/retry',
			scope: 'write',
			body: 'none',
		},
		({ params }) => {
			const delivery = emu.store.deliveries.get(params.delivery_id as string);
			if (!delivery) throw notFound('delivery', params.delivery_id as string);
			return ok(renderDelivery(emu.sims.webhooks.retry(delivery)));
		},
	);

	// Create: the live subscription is authoritative for replays — once the webhook is deleted the
	// same key creates it again (same id, fresh secret), per docs/api/conventions.md#idempotency-keys.
	route(
		router,
		emu,
		{
			method: 'POST',
			path: '/webhooks',
			scope: 'write',
			idempotency: {
				stillValid: (outcome) =>
					emu.store.webhooks.get((outcome.body as { webhook_id?: string }).webhook_id ?? '') !==
					undefined,
			},
		},
		({ body, idempotencyKey, principal }) => {
			const f = Fields.body(body);
			const now = emu.nowIso();
			const indexIds = f.optStrArray('index_ids');
			const webhook: WebhookRec = {
				webhook_id: emu.ids.next('webhook'),
				name: f.str('name', { min: 1, max: 100 }),
				url: checkUrl(f.str('url', { min: 1, max: 2048 })),
				events: checkEvents(f, true) as string[],
				index_ids: indexIds ? [...new Set(indexIds)] : null,
				status: 'active',
				metadata: f.optObject('metadata') ?? null,
				secret: newSecret(emu),
				failure_count: 0,
				last_failure_at: null,
				last_success_at: null,
				created_at: now,
				updated_at: now,
			};
			if (idempotencyKey) {
				const scopedKey = `${principal.idempotencyScope}:${idempotencyKey}`;
				const previous = emu.store.webhookIdsByKey.get(scopedKey);
				if (previous && !emu.store.webhooks.get(previous)) webhook.webhook_id = previous;
				emu.store.webhookIdsByKey.set(scopedKey, webhook.webhook_id);
			}
			emu.store.webhooks.set(webhook.webhook_id, webhook);
			return created(renderWebhook(webhook, true));
		},
	);

	route(router, emu, { method: 'GET', path: '/webhooks', scope: 'read' }, () =>
		ok(emu.store.webhooks.values().map((w) => renderWebhook(w))),
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/webhooks/:webhook_id', scope: 'read' },
		({ params }) => ok(renderWebhook(findWebhook(emu, params.webhook_id as string))),
	);

	route(
		router,
		emu,
		{ method: 'PATCH', path: '/webhooks/:webhook_id', scope: 'write' },
		({ params, body }) => {
			const webhook = findWebhook(emu, params.webhook_id as string);
			const f = Fields.body(body);
			const keys = ['name', 'url', 'events', 'index_ids', 'status', 'metadata'].filter(
				(key) => key in f.obj,
			);
			if (keys.length === 0)
				throw invalid(
					'body',
					'send at least one of name, url, events, index_ids, status, metadata',
				);
			const update: Partial<WebhookRec> = {};
			if ('name' in f.obj) update.name = f.str('name', { min: 1, max: 100 });
			if ('url' in f.obj) update.url = checkUrl(f.str('url', { min: 1, max: 2048 }));
			if ('events' in f.obj) update.events = checkEvents(f, true);
			if ('index_ids' in f.obj) update.index_ids = f.optStrArray('index_ids') ?? null;
			if ('status' in f.obj)
				update.status = checkEnum('status', f.raw('status'), ['active', 'paused'] as const);
			if ('metadata' in f.obj) update.metadata = f.optObject('metadata') ?? null;
			Object.assign(webhook, update, { updated_at: emu.nowIso() });
			return ok(renderWebhook(webhook));
		},
	);

	route(
		router,
		emu,
		{ method: 'DELETE', path: '/webhooks/:webhook_id', scope: 'admin' },
		({ params }) => {
			const webhook = findWebhook(emu, params.webhook_id as string);
			emu.store.webhooks.delete(webhook.webhook_id);
			return ok({ ...deleted('Webhook'), status: 'deleted' });
		},
	);

	route(
		router,
		emu,
		{
			method: 'POST',
			path: '/webhooks/:webhook_id/rotate-secret',
			scope: 'write',
			body: 'none',
			idempotency: false,
		},
		({ params }) => {
			const webhook = findWebhook(emu, params.webhook_id as string);
			webhook.secret = newSecret(emu);
			webhook.updated_at = emu.nowIso();
			return ok({ webhook_id: webhook.webhook_id, new_secret: webhook.secret });
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/webhooks/:webhook_id/test', scope: 'write', body: 'none' },
		async ({ params }) => {
			return ok(await emu.sims.webhooks.sendTest(findWebhook(emu, params.webhook_id as string)));
		},
	);

	route(
		router,
		emu,
		{ method: 'GET', path: '/webhooks/:webhook_id/deliveries', scope: 'read' },
		({ params, query }) => {
			const webhook = findWebhook(emu, params.webhook_id as string);
			const status = query.optEnum('status', [
				'pending',
				'processing',
				'delivered',
				'failed',
				'retrying',
			] as const);
			const limit = query.int('limit', 1, 100, 50);
			const page = emu.store
				.deliveriesOf(webhook.webhook_id)
				.page(
					null,
					limit,
					true,
					(id) => !status || emu.store.deliveries.get(id)?.status === status,
				);
			return ok(page.ids.map((id) => renderDelivery(emu.store.deliveries.get(id)!)));
		},
	);
}
