import { ApiError } from './errors.js';
import type { JsonReply } from './reply.js';

/**
 * Per docs/api/conventions.md#idempotency-keys, the key is scoped by credential + method + path + key. Same key and same body replay the
 * first outcome (status and body) without running the handler again; a different body is a 409.
 * Only successful (2xx) outcomes are remembered: a request that failed (4xx validation, 5xx
 * fault) did nothing, so retrying it with the same key runs it again.
 */

export const IDEMPOTENCY_KEY_MAX = 255;

interface Entry {
	fingerprint: string;
	outcome?: JsonReply;
	pending?: Promise<JsonReply>;
}

export interface IdempotencyOptions {
	/** Lets a route drop a remembered outcome whose resource is gone (webhook create, docs/api/conventions.md#idempotency-keys). */
	stillValid?: (outcome: JsonReply) => boolean;
}

export function checkIdempotencyKey(raw: string | string[] | undefined): string | undefined {
	if (raw === undefined) return undefined;
	const key = Array.isArray(raw) ? raw.join(',') : raw;
	if (key.trim() === '' || key.length > IDEMPOTENCY_KEY_MAX) {
		throw new ApiError(
			422,
			'idempotency_key_invalid',
			`Idempotency-Key must be 1–${IDEMPOTENCY_KEY_MAX} characters`,
			{
				field: 'Idempotency-Key',
			},
		);
	}
	return key;
}

export class IdempotencyStore {
	private entries = new Map<string, Entry>();

	async run(
		scopeKey: string,
		fingerprint: string,
		execute: () => Promise<JsonReply>,
		options: IdempotencyOptions = {},
	): Promise<{ reply: JsonReply; replayed: boolean }> {
		const existing = this.entries.get(scopeKey);
		if (existing) {
			if (existing.fingerprint !== fingerprint) {
				throw new ApiError(
					409,
					'idempotency_request_mismatch',
					'This Idempotency-Key was already used with a different request body',
					{
						field: 'Idempotency-Key',
					},
				);
			}
			if (existing.pending) return { reply: await existing.pending, replayed: true };
			if (existing.outcome && (!options.stillValid || options.stillValid(existing.outcome))) {
				return { reply: existing.outcome, replayed: true };
			}
			this.entries.delete(scopeKey);
		}
		const entry: Entry = { fingerprint };
		this.entries.set(scopeKey, entry);
		const pending = execute();
		entry.pending = pending;
		try {
			const reply = await pending;
			entry.pending = undefined;
			if (reply.status >= 200 && reply.status < 300) entry.outcome = reply;
			else this.entries.delete(scopeKey);
			return { reply, replayed: false };
		} catch (error) {
			this.entries.delete(scopeKey);
			throw error;
		}
	}

	clear(): void {
		this.entries.clear();
	}

	get size(): number {
		return this.entries.size;
	}
}
