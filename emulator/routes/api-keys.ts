import type { Router } from 'express';
import { ALL_SCOPES, hashApiKey } from '../core/auth.js';
import type { Emulator } from '../core/context.js';
import { notFound } from '../core/errors.js';
import { created, ok } from '../core/reply.js';
import { route } from '../core/route.js';
import { Rng } from '../core/rng.js';
import type { ApiKeyRec, JsonObject, Scope } from '../core/types.js';
import { checkEnum, Fields } from '../core/validation.js';
import { deleted } from './lookups.js';

/** API keys, JWT only (docs/api/conventions.md#api-keys). Keys are stored hashed; the raw key is shown once. */

const keyRngs = new WeakMap<Emulator, Rng>();

function newKeyValue(emu: Emulator): string {
	let rng = keyRngs.get(emu);
	if (!rng) {
		rng = new Rng(`${emu.seed}:api-keys`);
		keyRngs.set(emu, rng);
	}
	return `sk_live_${rng.hex(48)}`;
}

/** Registers a key (also used at start-up for the configured demo key). */
export function registerKey(
	emu: Emulator,
	input: { name: string; scopes: Scope[]; key?: string; expiresAt?: string | null; keyId?: string },
): { record: ApiKeyRec; key: string } {
	const key = input.key ?? newKeyValue(emu);
	const record: ApiKeyRec = {
		key_id: input.keyId ?? emu.ids.next('apiKey'),
		key_prefix: key.slice(0, 12),
		name: input.name,
		scopes: [...input.scopes],
		created_at: emu.nowIso(),
		last_used_at: null,
		revoked_at: null,
		expires_at: input.expiresAt ?? null,
		key_hash: hashApiKey(key),
	};
	emu.store.apiKeys.set(record.key_id, record);
	emu.store.apiKeyByHash.set(record.key_hash, record.key_id);
	return { record, key };
}

export function renderKey(record: ApiKeyRec, now: number): JsonObject {
	const expired = record.expires_at !== null && Date.parse(record.expires_at) <= now;
	return {
		key_id: record.key_id,
		key_prefix: record.key_prefix,
		name: record.name,
		scopes: [...record.scopes],
		created_at: record.created_at,
		last_used_at: record.last_used_at,
		revoked_at: record.revoked_at,
		expires_at: record.expires_at,
		is_active: record.revoked_at === null && !expired,
	};
}

function findKey(emu: Emulator, keyId: string): ApiKeyRec {
	const record = emu.store.apiKeys.get(keyId);
	if (!record) throw notFound('api_key', keyId);
	return record;
}

export function registerApiKeyRoutes(router: Router, emu: Emulator): void {
	const jwt = { auth: 'jwt' as const, scope: null };

	route(router, emu, { method: 'POST', path: '/api-keys', ...jwt }, ({ body }) => {
		const f = Fields.body(body);
		const name = f.str('name', { min: 1, max: 100 });
		const scopes = (f.optStrArray('scopes', { min: 1 }) ?? ['read']).map((s, i) =>
			checkEnum(`scopes[${i}]`, s, ALL_SCOPES),
		);
		const days = f.optInt('expires_in_days', 1, 365);
		const expiresAt = days ? emu.clock.iso(emu.now() + days * 86_400_000) : null;
		const { record, key } = registerKey(emu, { name, scopes: [...new Set(scopes)], expiresAt });
		return created({ ...renderKey(record, emu.now()), key });
	});

	route(router, emu, { method: 'GET', path: '/api-keys', ...jwt }, () =>
		ok(emu.store.apiKeys.values().map((r) => renderKey(r, emu.now()))),
	);

	route(router, emu, { method: 'GET', path: '/api-keys/:key_id', ...jwt }, ({ params }) =>
		ok(renderKey(findKey(emu, params.key_id as string), emu.now())),
	);

	route(router, emu, { method: 'DELETE', path: '/api-keys/:key_id', ...jwt }, ({ params }) => {
		const record = findKey(emu, params.key_id as string);
		emu.store.apiKeys.delete(record.key_id);
		emu.store.apiKeyByHash.delete(record.key_hash);
		return ok(deleted('API key'));
	});

	route(
		router,
		emu,
		{ method: 'POST', path: '/api-keys/:key_id/revoke', ...jwt, body: 'none' },
		({ params }) => {
			const record = findKey(emu, params.key_id as string);
			record.revoked_at ??= emu.nowIso();
			return ok(renderKey(record, emu.now()));
		},
	);

	route(
		router,
		emu,
		{ method: 'POST', path: '/api-keys/:key_id/rotate', ...jwt, body: 'none' },
		({ params }) => {
			const old = findKey(emu, params.key_id as string);
			const { record, key } = registerKey(emu, {
				name: old.name,
				scopes: old.scopes,
				expiresAt: old.expires_at,
			});
			old.revoked_at ??= emu.nowIso();
			return ok({ old_key_id: old.key_id, new_key: { ...renderKey(record, emu.now()), key } });
		},
	);
}
