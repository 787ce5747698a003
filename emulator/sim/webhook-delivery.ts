import { createHmac } from 'node:crypto';
import { Agent, request } from 'undici';
import type { Emulator } from '../core/context.js';
import { conflict } from '../core/errors.js';
import type { BusEvent } from '../core/event-bus.js';
import type { DeliveryRec, JsonObject, WebhookRec } from '../core/types.js';

/**
 * Signed webhook deliveries (docs/api/conventions.md#webhook-delivery, docs/api/conventions.md#webhook-signature). Each matching bus event becomes one delivery per
 * subscription; its JSON body is fixed at creation and re-sent byte-for-byte on every attempt,
 * signed with the subscription's CURRENT secret (a rotation takes effect at once). Attempts
 * that do not get a 2xx within `timeoutMs` (real time) are retried after 1 s, 2 s, 4 s … capped
 * at 30 s (virtual time), `maxAttempts` in all. Only loopback URLs are ever contacted.
 */

export const WEBHOOK_EVENTS = [
	'media.created',
	'media.processing.started',
	'media.processing.completed',
	'media.processing.failed',
	'prompt_run.started',
	'prompt_run.progress',
	'prompt_run.completed',
	'prompt_run.partial_completed',
	'prompt_run.failed',
	'prompt_run.cancelled',
	'export.ready',
	'export.failed',
	'import_job.started',
	'import_job.progress',
	'import_job.completed',
	'import_job.partial_completed',
	'import_job.failed',
] as const;

export const TEST_EVENT = 'webhook.test';
export const API_VERSION = '2024-01';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const RESPONSE_BODY_LIMIT = 2048;

export function signBody(secret: string, body: string): string {
	return `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(body, 'utf8').digest('hex')}`;
}

export function isLoopbackUrl(url: string): boolean {
	try {
		return LOOPBACK_HOSTS.has(new URL(url).hostname);
	} catch {
		return false;
	}
}

interface AttemptOutcome {
	statusCode: number | null;
	body: string | null;
	error: string | null;
}

export class WebhookDispatcher {
	private agent = new Agent({ keepAliveTimeout: 1_000, connections: 16 });
	private inFlight = new Set<AbortController>();

	constructor(private readonly emu: Emulator) {
		emu.bus.subscribe((event) => this.onEvent(event));
	}

	private onEvent(event: BusEvent): void {
		if (!(WEBHOOK_EVENTS as readonly string[]).includes(event.event_type)) return;
		for (const webhook of this.emu.store.webhooks.values()) {
			if (webhook.status !== 'active' || !webhook.events.includes(event.event_type)) continue;
			if (webhook.index_ids && (!event.index_id || !webhook.index_ids.includes(event.index_id)))
				continue;
			const delivery = this.createDelivery(webhook, event.event_type, this.dataOf(event), false);
			this.emu.clock.setTimeout(() => void this.attempt(delivery.delivery_id, true), 0);
		}
	}

	/** `data` carries the affected ids plus the event's payload (counters, progress, status). */
	private dataOf(event: BusEvent): JsonObject {
		const ids: JsonObject = {};
		for (const key of ['run_id', 'video_id', 'segment_id', 'index_id'] as const)
			if (event[key]) ids[key] = event[key];
		return { ...ids, ...event.payload };
	}

	private createDelivery(
		webhook: WebhookRec,
		eventType: string,
		data: JsonObject,
		isTest: boolean,
	): DeliveryRec {
		const now = this.emu.nowIso();
		const id = this.emu.ids.next('delivery');
		const envelope: JsonObject = {
			id,
			event: eventType,
			data,
			api_version: API_VERSION,
			created_at: now,
		};
		if (webhook.metadata) envelope.metadata = webhook.metadata;
		const delivery: DeliveryRec = {
			delivery_id: id,
			webhook_id: webhook.webhook_id,
			event_type: eventType,
			status: 'pending',
			attempts: 0,
			last_attempt_at: null,
			next_retry_at: null,
			response_status_code: null,
			response_body: null,
			error_message: null,
			created_at: now,
			completed_at: null,
			payload: envelope,
			body: JSON.stringify(envelope),
			attempt_history: [],
			is_test: isTest,
		};
		this.emu.store.deliveries.set(id, delivery);
		this.emu.store.deliveriesOf(webhook.webhook_id).add(id);
		return delivery;
	}

	/** `POST /webhooks/{id}/test`: one signed `webhook.test` attempt, answered synchronously. */
	async sendTest(
		webhook: WebhookRec,
	): Promise<{ success: boolean; status_code: number | null; error: string | null }> {
		const delivery = this.createDelivery(
			webhook,
			TEST_EVENT,
			{ webhook_id: webhook.webhook_id, message: 'This is a test delivery from VideoVector' },
			true,
		);
		const outcome = await this.attempt(delivery.delivery_id, false);
		return {
			success: delivery.status === 'delivered',
			status_code: outcome?.statusCode ?? null,
			error: outcome?.error ?? null,
		};
	}

	/** Manual re-send of a failed delivery: one more attempt, no automatic schedule after it. */
	retry(delivery: DeliveryRec): DeliveryRec {
		if (delivery.status !== 'failed')
			throw conflict('Only failed deliveries can be retried', {
				delivery_id: delivery.delivery_id,
				status: delivery.status,
			});
		delivery.status = 'pending';
		delivery.completed_at = null;
		delivery.next_retry_at = this.emu.nowIso();
		this.emu.clock.setTimeout(() => void this.attempt(delivery.delivery_id, false), 0);
		return delivery;
	}

	private async attempt(
		deliveryId: string,
		scheduleRetries: boolean,
	): Promise<AttemptOutcome | undefined> {
		const { emu } = this;
		const delivery = emu.store.deliveries.get(deliveryId);
		if (!delivery || delivery.status === 'delivered' || delivery.status === 'processing')
			return undefined;
		const webhook = emu.store.webhooks.get(delivery.webhook_id);
		if (!webhook) {
			this.settle(
				delivery,
				{ statusCode: null, body: null, error: 'Subscription was deleted' },
				false,
			);
			return undefined;
		}
		delivery.status = 'processing';
		delivery.attempts++;
		delivery.last_attempt_at = emu.nowIso();
		delivery.next_retry_at = null;
		const copies = emu.faults.shouldDuplicateDelivery() ? 2 : 1;
		let outcome: AttemptOutcome = { statusCode: null, body: null, error: null };
		for (let copy = 0; copy < copies; copy++) {
			const attemptId = emu.ids.next('attempt');
			const started = performance.now();
			outcome = await this.send(webhook, delivery, attemptId);
			delivery.attempt_history.push({
				attempt_id: attemptId,
				attempted_at: emu.nowIso(),
				status_code: outcome.statusCode,
				error: outcome.error,
				duration_ms: Math.round(performance.now() - started),
				duplicate: copy > 0,
			});
		}
		if (!emu.store.deliveries.has(deliveryId)) return outcome; // state was reset meanwhile
		this.settle(delivery, outcome, scheduleRetries);
		return outcome;
	}

	private settle(delivery: DeliveryRec, outcome: AttemptOutcome, scheduleRetries: boolean): void {
		const { emu } = this;
		const webhook = emu.store.webhooks.get(delivery.webhook_id);
		const now = emu.nowIso();
		delivery.response_status_code = outcome.statusCode;
		delivery.response_body = outcome.body;
		delivery.error_message = outcome.error;
		const success =
			outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
		if (success) {
			delivery.status = 'delivered';
			delivery.completed_at = now;
			if (webhook) {
				webhook.last_success_at = now;
				webhook.failure_count = 0;
			}
			return;
		}
		if (webhook) {
			webhook.failure_count++;
			webhook.last_failure_at = now;
		}
		const { maxAttempts, baseDelayMs, maxDelayMs } = emu.config.webhooks;
		if (scheduleRetries && webhook && delivery.attempts < maxAttempts) {
			const delay = Math.min(baseDelayMs * 2 ** (delivery.attempts - 1), maxDelayMs);
			delivery.status = 'retrying';
			delivery.next_retry_at = emu.clock.iso(emu.now() + delay);
			emu.clock.setTimeout(() => void this.attempt(delivery.delivery_id, true), delay);
			return;
		}
		delivery.status = 'failed';
		delivery.completed_at = now;
	}

	private async send(
		webhook: WebhookRec,
		delivery: DeliveryRec,
		attemptId: string,
	): Promise<AttemptOutcome> {
		if (!isLoopbackUrl(webhook.url)) {
			return {
				statusCode: null,
				body: null,
				error: 'The emulator only delivers to loopback addresses (127.0.0.1, localhost)',
			};
		}
		const controller = new AbortController();
		this.inFlight.add(controller);
		const timer = setTimeout(() => controller.abort(), this.emu.config.webhooks.timeoutMs);
		try {
			const response = await request(webhook.url, {
				method: 'POST',
				dispatcher: this.agent,
				signal: controller.signal,
				headers: {
					'content-type': 'application/json',
					'user-agent': 'VideoVector-Webhooks/2 (emulator)',
					'x-webhook-signature': signBody(webhook.secret, delivery.body),
					'x-webhook-id': webhook.webhook_id,
					'x-webhook-event': delivery.event_type,
					'x-delivery-id': delivery.delivery_id,
					'idempotency-key': delivery.delivery_id,
					'x-delivery-attempt-id': attemptId,
				},
				body: delivery.body,
			});
			const text = await response.body.text();
			return {
				statusCode: response.statusCode,
				body: text.slice(0, RESPONSE_BODY_LIMIT),
				error: response.statusCode >= 300 ? `Receiver answered HTTP ${response.statusCode}` : null,
			};
		} catch (error) {
			const aborted = controller.signal.aborted;
			return {
				statusCode: null,
				body: null,
				error: aborted
					? `Timed out after ${this.emu.config.webhooks.timeoutMs} ms`
					: `Connection failed: ${(error as Error).message}`,
			};
		} finally {
			clearTimeout(timer);
			this.inFlight.delete(controller);
		}
	}

	/** Aborts attempts in flight (reset / shutdown). */
	abortAll(): void {
		for (const controller of this.inFlight) controller.abort();
		this.inFlight.clear();
	}

	async close(): Promise<void> {
		this.abortAll();
		await this.agent.destroy();
	}

	counts(): { total: number; delivered: number; failed: number; pending: number } {
		let delivered = 0;
		let failed = 0;
		for (const d of this.emu.store.deliveries.values()) {
			if (d.status === 'delivered') delivered++;
			else if (d.status === 'failed') failed++;
		}
		const total = this.emu.store.deliveries.size;
		return { total, delivered, failed, pending: total - delivered - failed };
	}
}

export function renderWebhook(webhook: WebhookRec, withSecret = false): JsonObject {
	const view: JsonObject = {
		webhook_id: webhook.webhook_id,
		name: webhook.name,
		url: webhook.url,
		events: [...webhook.events],
		index_ids: webhook.index_ids ? [...webhook.index_ids] : null,
		status: webhook.status,
		failure_count: webhook.failure_count,
		last_failure_at: webhook.last_failure_at,
		last_success_at: webhook.last_success_at,
		created_at: webhook.created_at,
		updated_at: webhook.updated_at,
		metadata: webhook.metadata,
	};
	if (withSecret) view.secret = webhook.secret;
	return view;
}

export function renderDelivery(delivery: DeliveryRec): JsonObject {
	return {
		delivery_id: delivery.delivery_id,
		webhook_id: delivery.webhook_id,
		event_type: delivery.event_type,
		status: delivery.status,
		attempts: delivery.attempts,
		last_attempt_at: delivery.last_attempt_at,
		next_retry_at: delivery.next_retry_at,
		response_status_code: delivery.response_status_code,
		response_body: delivery.response_body,
		error_message: delivery.error_message,
		created_at: delivery.created_at,
		completed_at: delivery.completed_at,
		payload: delivery.payload,
		attempt_history: delivery.attempt_history.map((a) => ({ ...a })),
	};
}
