import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { endpointRequest } from '../../shared/contract/endpoint-request';
import {
	webhookDeliverySchema,
	webhookSchema,
	webhookWithSecretSchema,
	type Webhook,
	type WebhookDelivery,
} from '../../shared/contract/schemas/webhooks';
import type { N8nApiContext, NodeApiClient } from '../../shared/n8n/api-client';
import { createNodeApiClient } from '../../shared/n8n/api-session';
import { toNodeError } from '../../shared/n8n/node-error';
import type { CreateWebhookBody } from './subscription';

type NodeError = NodeApiError | NodeOperationError;
type Outcome<T> =
	{ ok: true; value: T } | { ok: false; error: NodeError; status: number | undefined };

/** Failures as values, with their HTTP status at hand (the client already made them n8n errors). */
async function settle<T>(node: INode, promise: Promise<T>): Promise<Outcome<T>> {
	return await promise.then(
		(value): Outcome<T> => ({ ok: true, value }),
		(reason: unknown): Outcome<T> => {
			const error = toNodeError(node, reason);
			const status =
				error instanceof NodeApiError && error.httpCode ? Number(error.httpCode) : undefined;
			return { ok: false, error, status: Number.isInteger(status) ? status : undefined };
		},
	);
}

/** The webhook endpoints the trigger's lifecycle uses, with the status handling of docs/api/conventions.md#trigger-lifecycle. */
export interface WebhookApi {
	/** `GET /webhooks/events`; undefined when it cannot be loaded (callers fall back to the contract's list). */
	eventTypes(): Promise<string[] | undefined>;
	/** undefined when the subscription is gone (404); other failures throw. */
	get(webhookId: string): Promise<Webhook | undefined>;
	create(
		body: CreateWebhookBody,
		idempotencyKey: string,
	): Promise<{ webhookId: string; secret: string }>;
	/** 404 counts as already removed; 403 throws a message naming the admin scope. */
	remove(webhookId: string): Promise<'deleted' | 'gone'>;
	list(): Promise<Webhook[]>;
	/** `POST /webhooks/{id}/test`: the API sends one signed test delivery and reports its outcome. */
	sendTest(webhookId: string): Promise<{ success: boolean; statusCode: number | undefined }>;
	/** `GET /webhooks/{id}/deliveries?status=…`: the newest 100 deliveries in that state. */
	deliveries(webhookId: string, status: 'failed' | 'delivered'): Promise<WebhookDelivery[]>;
	/** `POST /webhooks/deliveries/{id}/retry`; 'refused' when the API will not re-send it (e.g. 409, no longer failed). */
	retryDelivery(deliveryId: string): Promise<'requested' | 'refused'>;
}

export async function createWebhookApi(context: N8nApiContext): Promise<WebhookApi> {
	const client: NodeApiClient = await createNodeApiClient(context);
	const node = context.getNode();
	return {
		async eventTypes() {
			const outcome = await settle(
				node,
				client.request<unknown>(endpointRequest('webhooks.listEventTypes', {})),
			);
			if (!outcome.ok || !Array.isArray(outcome.value)) return undefined;
			const names = outcome.value.filter(
				(name): name is string => typeof name === 'string' && name !== '',
			);
			return names.length > 0 ? names : undefined;
		},

		async get(webhookId) {
			const outcome = await settle(
				node,
				client.request<unknown>(
					endpointRequest('webhooks.get', { params: { webhook_id: webhookId } }),
				),
			);
			if (!outcome.ok) {
				if (outcome.status === 404) return undefined;
				throw outcome.error;
			}
			const parsed = webhookSchema.safeParse(outcome.value);
			if (!parsed.success) {
				throw new NodeOperationError(
					node,
					`VideoVector returned an unreadable webhook subscription for ${webhookId}`,
				);
			}
			return parsed.data;
		},

		async create(body, idempotencyKey) {
			const answer = await client.request<unknown>(
				endpointRequest('webhooks.create', { body, idempotencyKey }),
			);
			const parsed = webhookWithSecretSchema.safeParse(answer);
			if (!parsed.success) {
				throw new NodeOperationError(
					node,
					'VideoVector answered the webhook registration without a webhook id and signing secret',
					{
						description:
							'Publish the workflow again: the trigger replays the same Idempotency-Key, so no second subscription is created.',
					},
				);
			}
			return { webhookId: parsed.data.webhook_id, secret: parsed.data.secret };
		},

		async remove(webhookId) {
			const outcome = await settle(
				node,
				client.request<unknown>(
					endpointRequest('webhooks.delete', { params: { webhook_id: webhookId } }),
				),
			);
			if (outcome.ok) return 'deleted';
			if (outcome.status === 404) return 'gone';
			if (outcome.status === 403) {
				throw new NodeOperationError(
					node,
					`VideoVector refused to delete webhook subscription ${webhookId}: deleting webhooks needs an API key with the admin scope`,
					{
						description:
							'Give the credential an admin-scoped API key. The subscription is still remembered, so unpublishing or publishing again retries the cleanup.',
					},
				);
			}
			throw outcome.error;
		},

		async list() {
			const answer = await client.request<unknown>(endpointRequest('webhooks.list', {}));
			if (!Array.isArray(answer)) return [];
			return answer.flatMap((entry) => {
				const parsed = webhookSchema.safeParse(entry);
				return parsed.success ? [parsed.data] : [];
			});
		},

		async sendTest(webhookId) {
			const answer = await client.request<unknown>(
				endpointRequest('webhooks.test', { params: { webhook_id: webhookId } }),
			);
			const body = (answer ?? {}) as { success?: unknown; status_code?: unknown };
			return {
				success: body.success === true,
				statusCode: typeof body.status_code === 'number' ? body.status_code : undefined,
			};
		},

		async deliveries(webhookId, status) {
			const answer = await client.request<unknown>(
				endpointRequest('webhooks.listDeliveries', {
					params: { webhook_id: webhookId },
					query: { status, limit: 100 },
				}),
			);
			if (!Array.isArray(answer)) return [];
			return answer.flatMap((entry) => {
				const parsed = webhookDeliverySchema.safeParse(entry);
				return parsed.success ? [parsed.data] : [];
			});
		},

		async retryDelivery(deliveryId) {
			const outcome = await settle(
				node,
				client.request<unknown>(
					endpointRequest('webhooks.retryDelivery', { params: { delivery_id: deliveryId } }),
				),
			);
			if (outcome.ok) return 'requested';
			if (outcome.status === 404 || outcome.status === 409) return 'refused';
			throw outcome.error;
		},
	};
}
