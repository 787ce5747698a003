import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { WEBHOOK_EVENT_NAMES } from '../../shared/contract/schemas/webhook-event';
import { FEED_ONLY_EVENTS } from '../shared/trigger-pickers';
import { endpointKindOf } from './endpoint-kind';
import { subscribedEvents, wantsAllEvents } from './event-selection';
import { onListening } from './on-listening';
import { hasCurrentSecret, rotateInSecret, type SigningSecret } from './signing-secrets';
import {
	buildCreateBody,
	fingerprintOf,
	idempotencyKeyOf,
	isOwnSubscription,
	sameSubscription,
	specOf,
	undeliverableUrlReason,
	type CreateWebhookBody,
} from './subscription';
import { readTriggerParameters, type TriggerParameters } from './trigger-parameters';
import { TriggerState, type Registration } from './trigger-state';
import { createWebhookApi, type WebhookApi } from './webhook-api';

/**
 * `webhookMethods.default` of the trigger (docs/api/conventions.md#trigger-lifecycle). n8n calls checkExists then, if it says
 * false, create on publish and on "listen for test event"; delete on unpublish and when the test
 * listener stops. A restart restores published webhooks without calling any of them.
 */

function deliveryUrl(hook: IHookFunctions): string {
	const url = hook.getNodeWebhookUrl('default');
	const problem = undeliverableUrlReason(url);
	if (problem !== undefined || url === undefined) {
		throw new NodeOperationError(
			hook.getNode(),
			problem ?? 'n8n did not provide a webhook URL for this trigger',
			{
				description:
					'Set WEBHOOK_URL (N8N_WEBHOOK_URL) to the public https:// address of this n8n, or use "Via Webhook Receiver".',
			},
		);
	}
	return url;
}

function owner(hook: IHookFunctions, url: string): Pick<CreateWebhookBody, 'url' | 'metadata'> {
	return {
		url,
		metadata: {
			n8n_workflow_id: String(hook.getWorkflow().id ?? ''),
			n8n_node_id: hook.getNode().id,
		},
	};
}

async function desiredBody(
	hook: IHookFunctions,
	api: WebhookApi,
	params: TriggerParameters,
	url: string,
): Promise<CreateWebhookBody> {
	if (params.events.length === 0) {
		throw new NodeOperationError(hook.getNode(), 'Choose at least one event, or "All Events"');
	}
	// "All events" means every name the API offers now; the contract's list covers an unreachable endpoint.
	const available = wantsAllEvents(params.events)
		? ((await api.eventTypes()) ?? [...WEBHOOK_EVENT_NAMES])
		: [];
	// The shared picker also lists feed-only events, which no webhook carries.
	const events = subscribedEvents(params.events, available).filter(
		(event) => !FEED_ONLY_EVENTS.includes(event),
	);
	if (events.length === 0) {
		throw new NodeOperationError(
			hook.getNode(),
			'Segment events reach only the Event Stream and Poll Triggers; choose at least one other event under Trigger On',
		);
	}
	const { metadata } = owner(hook, url);
	return buildCreateBody({
		workflowId: metadata.n8n_workflow_id,
		nodeId: metadata.n8n_node_id,
		url,
		events,
		indexIds: params.indexIds,
	});
}

/**
 * Subscriptions this node made for `url` without knowing their id (a create whose answer never
 * arrived, or lost static data), found by url + metadata. Without any state the lookup is a best
 * effort: a failing listing must not block unpublishing.
 */
async function unrecordedSubscriptions(
	hook: IHookFunctions,
	api: WebhookApi,
	url: string,
	required: boolean,
): Promise<string[]> {
	const listing = api
		.list()
		.then((hooks) =>
			hooks
				.filter((remote) => isOwnSubscription(remote, owner(hook, url)))
				.map((remote) => remote.webhook_id),
		);
	if (required) return await listing;
	return await listing.catch(() => {
		hook.logger.warn(
			'VideoVector Trigger: could not list webhook subscriptions to look for leftovers of this trigger',
		);
		return [];
	});
}

/** Deletes the registration for `url` remotely, then forgets it; a failure keeps it for a retry. */
async function removeRegistration(
	hook: IHookFunctions,
	api: WebhookApi,
	state: TriggerState,
	url: string,
	registration: Registration | undefined,
): Promise<void> {
	const ids = new Set<string>();
	if (registration?.webhookId) ids.add(registration.webhookId);
	if (registration === undefined || registration.pendingSince !== undefined) {
		for (const id of await unrecordedSubscriptions(hook, api, url, registration !== undefined))
			ids.add(id);
	}
	for (const id of ids) {
		const result = await api.remove(id);
		hook.logger.info(
			`VideoVector Trigger: webhook subscription ${id} ${result === 'gone' ? 'was already deleted' : 'deleted'}`,
		);
	}
	state.setRegistration(url, undefined);
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const params = readTriggerParameters(this);
	if (params.delivery === 'receiver') return true;
	const url = deliveryUrl(this);
	const state = new TriggerState(this.getWorkflowStaticData('node'));
	const registration = state.registration(url);
	if (
		!registration?.webhookId ||
		!hasCurrentSecret(registration.secrets) ||
		registration.pendingSince !== undefined
	)
		return false;
	const api = await createWebhookApi(this);
	const remote = await api.get(registration.webhookId);
	if (remote === undefined) {
		this.logger.info(
			`VideoVector Trigger: webhook subscription ${registration.webhookId} no longer exists; registering again`,
		);
		state.setRegistration(url, undefined);
		return false;
	}
	const wanted = specOf(await desiredBody(this, api, params, url));
	if (remote.status === 'active' && sameSubscription(remote, wanted)) {
		const webhookId = registration.webhookId;
		await onListening(this, {
			api,
			state,
			params,
			kind: registration.kind,
			webhookId,
			existing: true,
		});
		return true;
	}
	this.logger.info(
		`VideoVector Trigger: webhook subscription ${registration.webhookId} is ${remote.status} or no longer matches the trigger; replacing it`,
	);
	await removeRegistration(this, api, state, url, registration);
	return false;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const params = readTriggerParameters(this);
	if (params.delivery === 'receiver') return true;
	const url = deliveryUrl(this);
	const state = new TriggerState(this.getWorkflowStaticData('node'));
	const api = await createWebhookApi(this);
	const body = await desiredBody(this, api, params, url);
	const fingerprint = fingerprintOf(body);
	let previous = state.registration(url);
	const unusable = previous?.webhookId !== undefined && !hasCurrentSecret(previous.secrets);
	if (previous !== undefined && (previous.fingerprint !== fingerprint || unusable)) {
		await removeRegistration(this, api, state, url, previous);
		previous = undefined;
	}
	const base: Registration = {
		kind: endpointKindOf(this),
		subscription: specOf(body),
		fingerprint,
		idempotencyKey: idempotencyKeyOf(fingerprint),
		secrets: previous?.secrets ?? [],
		...(previous?.webhookId ? { webhookId: previous.webhookId } : {}),
	};
	// Saved before the POST: if its answer is lost, the next create replays this exact key and body.
	state.setRegistration(url, { ...base, pendingSince: Date.now() });
	const created = await api.create(body, base.idempotencyKey);
	const secrets: SigningSecret[] =
		previous?.webhookId === created.webhookId
			? rotateInSecret(previous.secrets, created.secret, Date.now(), params.previousSecretOverlapMs)
			: [{ secret: created.secret, validUntil: null }];
	state.setRegistration(url, { ...base, webhookId: created.webhookId, secrets });
	this.logger.info(
		`VideoVector Trigger: registered webhook subscription ${created.webhookId} for the ${base.kind} URL`,
	);
	await onListening(this, {
		api,
		state,
		params,
		kind: base.kind,
		webhookId: created.webhookId,
		existing: false,
	});
	return true;
}

/** A confirmed production subscription the user asked to keep; test listeners are always removed. */
function keptWhileUnpublished(
	params: TriggerParameters,
	registration: Registration | undefined,
): boolean {
	return (
		params.delivery === 'direct' &&
		params.keepSubscriptionWhileUnpublished &&
		registration?.kind === 'production' &&
		registration.webhookId !== undefined &&
		registration.pendingSince === undefined
	);
}

export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	const params = readTriggerParameters(this);
	const url = this.getNodeWebhookUrl('default') ?? '';
	const state = new TriggerState(this.getWorkflowStaticData('node'));
	const registration = state.registration(url);
	// A receiver-mode trigger registers nothing, unless it was switched over from direct delivery.
	if (params.delivery === 'receiver' && registration === undefined) return true;
	if (keptWhileUnpublished(params, registration)) {
		this.logger.info(
			`VideoVector Trigger: webhook subscription ${registration?.webhookId} is kept while the workflow is unpublished (Keep Subscription While Unpublished)`,
		);
		return true;
	}
	const api = await createWebhookApi(this);
	await removeRegistration(this, api, state, url, registration);
	return true;
}
