import { createHash } from 'node:crypto';

import { sortedUnique } from './event-selection';
import type { SubscriptionSpec } from './trigger-state';

/** `POST /webhooks` body exactly as docs/api/conventions.md#trigger-lifecycle describes the n8n trigger's. */
export interface CreateWebhookBody {
	name: string;
	url: string;
	events: string[];
	index_ids: string[] | null;
	metadata: { n8n_workflow_id: string; n8n_node_id: string };
}

const NAME_LIMIT = 100;

export function buildCreateBody(input: {
	workflowId: string;
	nodeId: string;
	url: string;
	events: readonly string[];
	indexIds: readonly string[];
}): CreateWebhookBody {
	const indexIds = sortedUnique(input.indexIds);
	// Fixed key order: the body's JSON is what the idempotency key is derived from.
	return {
		name: `n8n: ${input.workflowId} / ${input.nodeId}`.slice(0, NAME_LIMIT),
		url: input.url,
		events: sortedUnique(input.events),
		index_ids: indexIds.length > 0 ? indexIds : null,
		metadata: { n8n_workflow_id: input.workflowId, n8n_node_id: input.nodeId },
	};
}

export function fingerprintOf(body: CreateWebhookBody): string {
	return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** Same desired subscription → same key, so a create whose answer was lost can be replayed. */
export function idempotencyKeyOf(fingerprint: string): string {
	return `n8n-webhook-${fingerprint}`;
}

export function specOf(body: CreateWebhookBody): SubscriptionSpec {
	return { url: body.url, events: body.events, index_ids: body.index_ids };
}

function sameList(
	a: readonly string[] | null | undefined,
	b: readonly string[] | null | undefined,
): boolean {
	const left = sortedUnique(a ?? []);
	const right = sortedUnique(b ?? []);
	return left.length === right.length && left.every((value, index) => value === right[index]);
}

/** The remote subscription delivers what we want, where we want it (url, events, index filter). */
export function sameSubscription(
	remote: { url: string; events: readonly string[]; index_ids?: readonly string[] | null },
	wanted: SubscriptionSpec,
): boolean {
	return (
		remote.url === wanted.url &&
		sameList(remote.events, wanted.events) &&
		sameList(remote.index_ids, wanted.index_ids)
	);
}

/**
 * A subscription this node created for this URL: only those may be deleted when our state was
 * lost. Another workflow's, or this node's test/production twin, never matches.
 */
export function isOwnSubscription(
	remote: { url: string; metadata?: Record<string, unknown> | null },
	body: Pick<CreateWebhookBody, 'url' | 'metadata'>,
): boolean {
	return (
		remote.url === body.url &&
		remote.metadata?.n8n_workflow_id === body.metadata.n8n_workflow_id &&
		remote.metadata?.n8n_node_id === body.metadata.n8n_node_id
	);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * VideoVector delivers to public https URLs only (docs/api/conventions.md#webhook-endpoints, docs/api/conventions.md#trigger-lifecycle); plain http is accepted for
 * loopback so a local emulator can be used. Returns a reason when the URL cannot work.
 */
export function undeliverableUrlReason(url: string | undefined): string | undefined {
	if (!url || !URL.canParse(url)) return 'n8n did not provide a webhook URL for this trigger';
	const parsed = new URL(url);
	if (parsed.protocol === 'https:') return undefined;
	if (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname)) return undefined;
	return `VideoVector only delivers to https:// URLs, but this n8n's webhook URL is ${parsed.protocol}//${parsed.host}`;
}
