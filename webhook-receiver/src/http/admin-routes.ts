import { Router as ExpressRouter, type Request } from 'express';

import type { Logger } from '../log/logger';
import type { DeadLetter, DeliveryRecord, DeliveryStore } from '../store/delivery-store';
import type { Clock } from '../time/clock';
import { requireBearer } from './bearer-auth';

export interface AdminDeps {
	token: string | undefined;
	store: DeliveryStore;
	clock: Clock;
	logger: Logger;
	notify: (targetIds: readonly string[]) => void;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

function queryString(request: Request, name: string): string | undefined {
	const value = request.query[name];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function pageLimit(request: Request): number | undefined {
	const raw = queryString(request, 'limit');
	if (raw === undefined) return DEFAULT_PAGE;
	const limit = Number(raw);
	return Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE ? limit : undefined;
}

/** Opaque page cursor: one delivery may have dead forwards to several targets, so it names both. */
function encodeCursor(position: { seq: number; target: string }): string {
	return Buffer.from(JSON.stringify([position.seq, position.target])).toString('base64url');
}

function decodeCursor(cursor: string): { seq: number; target: string } | null {
	try {
		const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (Array.isArray(value) && Number.isInteger(value[0]) && typeof value[1] === 'string')
			return { seq: value[0] as number, target: value[1] };
	} catch {
		// Falls through to "invalid".
	}
	return null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function deadLetterView(letter: DeadLetter) {
	return {
		delivery_id: letter.deliveryId,
		target: letter.target,
		event_type: letter.eventType,
		seq: letter.seq,
		attempts: letter.attempts,
		last_status: letter.lastStatus,
		last_error: letter.lastError,
		received_at: iso(letter.receivedAt),
		dead_at: iso(letter.deadAt),
	};
}

/** The stored envelope is returned parsed; it was validated JSON when it was accepted. */
function deliveryView(record: DeliveryRecord) {
	return {
		delivery_id: record.deliveryId,
		seq: record.seq,
		webhook_id: record.webhookId,
		event_type: record.eventType,
		index_id: record.indexId,
		attempt_id: record.attemptId,
		received_at: iso(record.receivedAt),
		envelope: JSON.parse(Buffer.from(record.body).toString('utf8')) as unknown,
		forwards: record.forwards.map((forward) => ({
			target: forward.target,
			state: forward.state,
			attempts: forward.attempts,
			next_attempt_at: forward.state === 'pending' ? iso(forward.nextAttemptAt) : null,
			last_status: forward.lastStatus,
			last_error: forward.lastError,
			updated_at: iso(forward.updatedAt),
			delivered_at: iso(forward.deliveredAt),
		})),
	};
}

/** Dead letters, replay and delivery look-up, all behind the admin bearer token. */
export function adminRoutes(deps: AdminDeps): ExpressRouter {
	const router = ExpressRouter();
	router.use(requireBearer(deps.token));

	const replay = async (selector: { deliveryId?: string; target?: string }) => {
		const replayed = await deps.store.replay(selector, deps.clock.now());
		for (const item of replayed)
			deps.logger.info('forward.replayed', { delivery_seq: item.seq, target: item.target });
		deps.notify([...new Set(replayed.map((item) => item.target))]);
		return replayed;
	};

	router.get('/dead-letters', async (request, response) => {
		const limit = pageLimit(request);
		const cursor = queryString(request, 'cursor');
		const after = cursor === undefined ? undefined : decodeCursor(cursor);
		if (limit === undefined || after === null) {
			response.status(400).json({
				error: 'invalid_query',
				message: `limit must be 1-${MAX_PAGE}; cursor must come from next_cursor`,
			});
			return;
		}
		const target = queryString(request, 'target');
		const letters = await deps.store.listDeadLetters({
			limit,
			...(after === undefined ? {} : { after }),
			...(target === undefined ? {} : { target }),
		});
		const last = letters[letters.length - 1];
		const nextCursor =
			letters.length === limit && last !== undefined
				? encodeCursor({ seq: last.seq, target: last.target })
				: null;
		response.json({ items: letters.map(deadLetterView), next_cursor: nextCursor });
	});

	router.post('/dead-letters/replay', async (request, response) => {
		const target = queryString(request, 'target');
		const replayed = await replay(target === undefined ? {} : { target });
		response.json({ replayed: replayed.length });
	});

	router.get('/deliveries/:deliveryId', async (request, response) => {
		const record = await deps.store.findDelivery(String(request.params.deliveryId));
		if (record === undefined) {
			response.status(404).json({ error: 'not_found', message: 'No delivery with this id' });
			return;
		}
		response.json(deliveryView(record));
	});

	router.post('/deliveries/:deliveryId/replay', async (request, response) => {
		const deliveryId = String(request.params.deliveryId);
		if ((await deps.store.findDelivery(deliveryId)) === undefined) {
			response.status(404).json({ error: 'not_found', message: 'No delivery with this id' });
			return;
		}
		const target = queryString(request, 'target');
		const replayed = await replay({ deliveryId, ...(target === undefined ? {} : { target }) });
		if (replayed.length === 0) {
			response.status(409).json({
				error: 'not_dead_lettered',
				message: 'This delivery has no dead-lettered forwards',
			});
			return;
		}
		response.json({ replayed: replayed.length });
	});

	return router;
}
