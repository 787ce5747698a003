import type { IncomingMessage, ServerResponse } from 'node:http';

import { API_DELIVERY_ID_HEADER } from '../../../shared/webhooks/api-signature';
import { singleHeader } from '../../../shared/webhooks/bytes';
import { checkReplayRule } from '../../../shared/webhooks/replay-rule';
import { sendJson } from '../http/send-json';
import { errorText } from '../log/error-text';
import type { Logger } from '../log/logger';
import type { ReceiverMetrics, RejectReason } from '../metrics/receiver-metrics';
import { eventIndexId } from '../routing/event-index';
import type { Router } from '../routing/router';
import type { DeliveryStore } from '../store/delivery-store';
import type { Clock } from '../time/clock';
import { decodeUtf8, isJsonUtf8 } from './content-type';
import { parseEnvelope } from './parse-envelope';
import { readRawBody } from './read-raw-body';
import type { SignatureVerifier } from './signature-verifier';

export interface DeliveryHandlerDeps {
	bodyLimitBytes: number;
	verifier: SignatureVerifier;
	router: Router;
	store: DeliveryStore;
	/** Wakes the forwarder for targets whose events were just committed. */
	notify: (targetIds: readonly string[]) => void;
	metrics: ReceiverMetrics;
	logger: Logger;
	clock: Clock;
	logBodies: boolean;
	isAccepting: () => boolean;
	/** How long a stored id is remembered (the retention): older envelopes are refused as replays. */
	replayWindowMs: number;
}

const ATTEMPT_ID_HEADER = 'x-delivery-attempt-id';
const MAX_ID_LENGTH = 256;
/**
 * The id and event name travel on as header values of every forward (webhook-id,
 * x-videovector-event): printable ASCII only, so they are refused here rather than dead-lettered later.
 */
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

interface Rejection {
	status: number;
	reason: RejectReason;
	message: string;
	headers?: Record<string, string>;
}

const SIGNATURE_REJECTION: Rejection = {
	status: 401,
	reason: 'invalid_signature',
	message: 'Invalid webhook signature or subscription',
};

/**
 * The path of one delivery: size-limited raw body → signature (octokit) → content type → JSON
 * envelope → de-duplication and durable storage (group-committed) → 200. Nothing is stored unless
 * the signature holds, and the 200 is sent only after the commit, so an acknowledged delivery is
 * never lost. Events of any type are stored; only those matching a route are forwarded.
 */
export function createDeliveryHandler(deps: DeliveryHandlerDeps) {
	const { metrics, logger } = deps;

	const reject = (
		response: ServerResponse,
		rejection: Rejection,
		fields: Record<string, unknown> = {},
	): void => {
		metrics.rejected.inc({ reason: rejection.reason });
		logger.info('delivery.rejected', {
			reason: rejection.reason,
			status: rejection.status,
			...fields,
		});
		sendJson(
			response,
			rejection.status,
			{ error: rejection.reason, message: rejection.message },
			rejection.headers,
		);
	};

	return async function handleDelivery(
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<void> {
		const startedAt = performance.now();
		if (!deps.isAccepting()) {
			return reject(response, {
				status: 503,
				reason: 'shutting_down',
				message: 'Receiver is shutting down',
				headers: { 'retry-after': '5', connection: 'close' },
			});
		}
		// Signature format and subscription come from the headers: a caller without them is refused
		// before any of its body is read, and the connection is closed rather than drained.
		const headerCheck = deps.verifier.checkHeaders(request.headers);
		if (!headerCheck.ok)
			return reject(
				response,
				{ ...SIGNATURE_REJECTION, headers: { connection: 'close' } },
				{ check: headerCheck.reason },
			);
		const raw = await readRawBody(request, deps.bodyLimitBytes);
		if (!raw.ok) {
			if (raw.reason === 'aborted') return;
			return reject(response, {
				status: 413,
				reason: 'payload_too_large',
				message: `Body exceeds ${deps.bodyLimitBytes} bytes`,
				headers: { connection: 'close' },
			});
		}
		const text = decodeUtf8(raw.body);
		if (text === undefined)
			return reject(response, {
				status: 400,
				reason: 'invalid_encoding',
				message: 'Body is not valid UTF-8',
			});
		if (text === '')
			return reject(response, { status: 400, reason: 'malformed_json', message: 'Body is empty' });

		const signature = await deps.verifier.verify(text, headerCheck);
		if (!signature.ok) return reject(response, SIGNATURE_REJECTION, { check: signature.reason });
		if (!isJsonUtf8(request.headers)) {
			return reject(response, {
				status: 415,
				reason: 'unsupported_media_type',
				message: 'Content-Type must be application/json (UTF-8)',
			});
		}
		const parsed = parseEnvelope(text);
		if (!parsed.ok)
			return reject(response, { status: 400, reason: parsed.reason, message: parsed.message });
		const envelope = parsed.envelope;
		if (!HEADER_SAFE.test(envelope.id) || !HEADER_SAFE.test(envelope.event)) {
			return reject(response, {
				status: 400,
				reason: 'invalid_envelope',
				message: 'Envelope id and event must be printable ASCII',
			});
		}
		// Only the body is signed: the dedupe key is the envelope id, and a header that names
		// another id (a replay dressed up as a new delivery) is refused.
		const replay = checkReplayRule({
			headerId: singleHeader(request.headers[API_DELIVERY_ID_HEADER]),
			envelopeId: envelope.id,
			createdAt: envelope.created_at,
			nowMs: deps.clock.now(),
			windowMs: deps.replayWindowMs,
		});
		if (!replay.ok)
			return reject(response, { status: 400, reason: replay.reason, message: replay.message });
		const deliveryId = envelope.id;
		if (deliveryId === '' || deliveryId.length > MAX_ID_LENGTH) {
			return reject(response, {
				status: 400,
				reason: 'invalid_envelope',
				message: `Delivery id must be 1-${MAX_ID_LENGTH} characters`,
			});
		}

		const indexId = eventIndexId(envelope.data);
		const targets = deps.router.match(envelope.event, indexId);
		const fields = {
			delivery_id: deliveryId,
			event_type: envelope.event,
			webhook_id: signature.webhookId,
		};
		let outcome;
		try {
			outcome = await deps.store.insert({
				deliveryId,
				webhookId: signature.webhookId,
				eventType: envelope.event,
				indexId,
				body: raw.body,
				receivedAt: deps.clock.now(),
				attemptId: singleHeader(request.headers[ATTEMPT_ID_HEADER]) ?? null,
				createdAt: replay.createdAtMs,
				targets,
			});
		} catch (error) {
			logger.error('store.write_failed', {
				...fields,
				operation: 'insert',
				error: errorText(error),
			});
			return reject(response, {
				status: 503,
				reason: 'storage_error',
				message: 'Delivery could not be stored',
				headers: { 'retry-after': '10' },
			});
		}
		if (outcome.status === 'duplicate') {
			metrics.duplicates.inc();
			logger.info('delivery.duplicate', fields);
			sendJson(response, 200, { received: true, duplicate: true });
		} else {
			metrics.received.inc();
			logger.info('delivery.stored', {
				...fields,
				seq: outcome.seq,
				targets,
				...(deps.logBodies ? { envelope } : {}),
			});
			deps.notify(targets);
			sendJson(response, 200, { received: true });
		}
		metrics.ackLatency.observe((performance.now() - startedAt) / 1000);
	};
}
