import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { checkReplayRule } from '../../shared/webhooks/replay-rule';
import { itemFromEnvelope } from '../shared/event-item';
import { alreadySeen, DEFAULT_DEDUPE_LIMITS, rememberDelivery } from './delivery-dedupe';
import { endpointKindOf, type EndpointKind } from './endpoint-kind';
import { eventSelected, indexSelected } from './event-selection';
import { fetchFullObject } from './full-object';
import { recentDeliveries } from './recent-deliveries';
import { recoverOnFirstDelivery } from './redeliver-unanswered';
import { receiverSecretCache } from './receiver-secret-cache';
import { RECEIVER_CREDENTIAL_TYPE, receiverSecrets } from './receiver-secrets';
import { acceptedSecrets } from './signing-secrets';
import { readTriggerParameters } from './trigger-parameters';
import { TriggerState } from './trigger-state';
import {
	verifyApiDelivery,
	verifyReceiverDelivery,
	type DeliveryRefusal,
	type DeliveryVerdict,
	type SigningSet,
} from './verify-delivery';

type RawRequest = ReturnType<IWebhookFunctions['getRequestObject']>;

/** What VideoVector (or the receiver) reads back; no detail that would help a forger. */
const REFUSAL_BODIES: Record<DeliveryRefusal['status'], { error: string }> = {
	400: { error: 'Malformed event envelope' },
	401: { error: 'Invalid webhook signature or subscription' },
	413: { error: 'Payload too large' },
};

/** n8n reads the raw bytes before calling the trigger; read them here if it did not (e.g. multipart). */
async function rawBodyOf(request: RawRequest): Promise<Uint8Array | undefined> {
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		await request.readRawBody().catch(() => undefined);
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

/** Registrations serving this endpoint, each with the secrets it accepts right now. */
function signingSets(state: TriggerState, kind: EndpointKind, nowMs: number): SigningSet[] {
	return state
		.registrations()
		.filter((registration) => registration.kind === kind && registration.webhookId !== undefined)
		.map((registration) => ({
			webhookId: registration.webhookId as string,
			secrets: acceptedSecrets(registration.secrets, nowMs),
		}));
}

/** One trigger endpoint: this node of this workflow, production or test. */
function deliveryScope(context: IWebhookFunctions, kind: EndpointKind): string {
	const node = context.getNode();
	return [context.getWorkflow().id ?? '', node.id, node.webhookId ?? '', kind].join('|');
}

/**
 * Receiver mode: checked against the secrets read for an earlier delivery first; a mismatch is
 * checked again against the credential as it is now (see ReceiverSecretCache).
 */
async function verifyForwardedDelivery(
	context: IWebhookFunctions,
	scope: string,
	rawBody: Uint8Array | undefined,
	nowMs: number,
): Promise<DeliveryVerdict> {
	const headers = context.getRequestObject().headers;
	const verify = (secrets: readonly string[]) =>
		verifyReceiverDelivery({ rawBody, headers, secrets, nowSeconds: Math.floor(nowMs / 1000) });
	// Another credential picked for the node is another entry, not a stale one.
	const key = `${scope}|${context.getNode().credentials?.[RECEIVER_CREDENTIAL_TYPE]?.id ?? ''}`;
	const cached = receiverSecretCache.get(key, nowMs);
	if (cached !== undefined) {
		const verdict = verify(cached);
		if (verdict.ok || verdict.status !== 401) return verdict;
	}
	const secrets = await receiverSecrets(context);
	receiverSecretCache.set(key, secrets, nowMs);
	return verify(secrets);
}

/** Answers without starting the workflow. */
function refuse(context: IWebhookFunctions, refusal: DeliveryRefusal): IWebhookResponseData {
	const detail = refusal.detail ? `: ${refusal.detail}` : '';
	context.logger.warn(
		`VideoVector Trigger: refused a delivery with HTTP ${refusal.status} (${refusal.reason}${detail})`,
	);
	context.getResponseObject().status(refusal.status).json(REFUSAL_BODIES[refusal.status]);
	return { noWebhookResponse: true };
}

/**
 * `webhook()` of the trigger: verify, parse, de-duplicate, filter, then start the workflow with the
 * event in the triggers' common item shape plus delivery facts. Every refusal answers before any execution exists.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const params = readTriggerParameters(this);
	const request = this.getRequestObject();
	const kind = endpointKindOf(this);
	const state = new TriggerState(this.getWorkflowStaticData('node'));
	const nowMs = Date.now();
	const rawBody = await rawBodyOf(request);
	const scope = deliveryScope(this, kind);
	const verdict =
		params.delivery === 'direct'
			? verifyApiDelivery({
					rawBody,
					headers: request.headers,
					subscriptions: signingSets(state, kind, nowMs),
				})
			: await verifyForwardedDelivery(this, scope, rawBody, nowMs);
	if (!verdict.ok) return refuse(this, verdict);

	const { envelope, delivery } = verdict;
	recoverOnFirstDelivery(this, {
		scope,
		kind,
		params,
		state,
		webhookId: delivery.webhook_id,
		nowMs,
	});
	// Only the body is signed: de-duplicate on the envelope id of this subscription, refuse a
	// delivery id header that names another id, and refuse envelopes the memory may have forgotten.
	const replay = checkReplayRule({
		// The receiver's webhook-id is covered by its own signature; only the API's header is not.
		headerId: delivery.mode === 'direct' ? delivery.delivery_id : undefined,
		envelopeId: envelope.id,
		createdAt: envelope.created_at,
		nowMs,
		windowMs: DEFAULT_DEDUPE_LIMITS.maxAgeMs,
		floorMs: Math.max(state.seenFloor(kind), recentDeliveries.floor(scope)),
	});
	if (!replay.ok) return refuse(this, { ok: false, status: 400, reason: replay.reason });
	const key = delivery.webhook_id === null ? envelope.id : `${delivery.webhook_id}/${envelope.id}`;
	const seen = state.seenDeliveries(kind);
	if (alreadySeen(seen, key) || recentDeliveries.has(scope, key)) {
		this.logger.info(
			`VideoVector Trigger: delivery ${delivery.delivery_id} was already received; the workflow is not started again`,
		);
		return { webhookResponse: { received: true, duplicate: true } };
	}
	// No await since the check above, so a concurrent copy cannot slip in between. Ignored events
	// are remembered too: the start-up recovery must know every envelope this process answered.
	// Counted from created_at when that is later, so the id outlives the window its envelope is accepted in.
	const rememberFrom = Math.max(nowMs, replay.createdAtMs);
	recentDeliveries.remember(scope, key, rememberFrom, nowMs);
	if (
		!eventSelected(envelope.event, params.events) ||
		!indexSelected(envelope.data, params.indexIds)
	) {
		return { webhookResponse: { received: true, ignored: true } };
	}
	const remembered = rememberDelivery(seen, key, rememberFrom, nowMs);
	// Kept for an n8n that saves it; 2.41.1 does not (README: Duplicates and replays).
	state.setSeenDeliveries(kind, remembered.seen);
	if (remembered.evictedAt > state.seenFloor(kind)) state.setSeenFloor(kind, remembered.evictedAt);
	const item: IDataObject = { ...itemFromEnvelope(envelope), delivery: { ...delivery } };
	if (params.fetchFullObject && params.delivery === 'direct')
		Object.assign(item, await fetchFullObject(this, envelope));
	return { webhookResponse: { received: true }, workflowData: [[{ json: item }]] };
}
