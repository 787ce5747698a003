import type {
	DeadLetter,
	DeliveryRecord,
	ForwardRecord,
	ForwardState,
	PendingForward,
} from './delivery-store';

/**
 * Rows of the deliveries and forwards tables, as both stores read them (SQLite and PostgreSQL
 * name the columns alike), turned into the DeliveryStore's records. PostgreSQL hands BIGINT back
 * as text, SQLite as numbers: both go through Number.
 */
export type Row = Record<string, unknown>;

export const num = (value: unknown): number => Number(value);
export const numOrNull = (value: unknown): number | null =>
	value === null || value === undefined ? null : Number(value);
export const strOrNull = (value: unknown): string | null =>
	value === null || value === undefined ? null : String(value);
export const bytes = (value: unknown): Uint8Array =>
	value instanceof Uint8Array ? value : new Uint8Array();

/** A pending forward joined with its delivery (delivery_seq, attempts, next_attempt_at, delivery_id, event_type, body, received_at). */
export function pendingFromRow(target: string, row: Row): PendingForward {
	return {
		target,
		seq: num(row.delivery_seq),
		deliveryId: String(row.delivery_id),
		eventType: String(row.event_type),
		body: bytes(row.body),
		receivedAt: num(row.received_at),
		attempts: num(row.attempts),
		nextAttemptAt: num(row.next_attempt_at),
	};
}

/** A dead forward joined with its delivery. */
export function deadLetterFromRow(row: Row): DeadLetter {
	return {
		target: String(row.target),
		seq: num(row.delivery_seq),
		deliveryId: String(row.delivery_id),
		eventType: String(row.event_type),
		receivedAt: num(row.received_at),
		attempts: num(row.attempts),
		lastStatus: numOrNull(row.last_status),
		lastError: strOrNull(row.last_error),
		deadAt: num(row.updated_at),
	};
}

export function forwardFromRow(row: Row): ForwardRecord {
	return {
		target: String(row.target),
		state: String(row.state) as ForwardState,
		attempts: num(row.attempts),
		nextAttemptAt: numOrNull(row.next_attempt_at),
		lastStatus: numOrNull(row.last_status),
		lastError: strOrNull(row.last_error),
		updatedAt: num(row.updated_at),
		deliveredAt: numOrNull(row.delivered_at),
	};
}

export function deliveryFromRow(row: Row, forwards: readonly Row[]): DeliveryRecord {
	return {
		seq: num(row.seq),
		deliveryId: String(row.delivery_id),
		webhookId: String(row.webhook_id),
		eventType: String(row.event_type),
		indexId: strOrNull(row.index_id),
		receivedAt: num(row.received_at),
		attemptId: strOrNull(row.attempt_id),
		body: bytes(row.body),
		forwards: forwards.map(forwardFromRow),
	};
}
