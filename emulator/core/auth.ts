import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './errors.js';
import { sha256Hex } from './rng.js';
import type { Store } from './store.js';
import type { ApiKeyRec, Scope } from './types.js';

/** Scopes nest: admin ⊇ write ⊇ read ⊇ search (docs/api/conventions.md#authentication-and-scopes). */
export const SCOPE_RANK: Record<Scope, number> = { search: 0, read: 1, write: 2, admin: 3 };
export const ALL_SCOPES: Scope[] = ['search', 'read', 'write', 'admin'];
export const API_KEY_PATTERN = /^sk_live_[0-9a-f]{48}$/;

export type RouteAuth = 'api_key' | 'jwt' | 'none';

export interface Principal {
	kind: 'api_key' | 'jwt' | 'anonymous';
	keyId: string | null;
	scopes: Scope[];
	/** Idempotency keys are scoped per credential. */
	idempotencyScope: string;
}

const ANONYMOUS: Principal = {
	kind: 'anonymous',
	keyId: null,
	scopes: [],
	idempotencyScope: 'anonymous',
};

export function hashApiKey(key: string): string {
	return sha256Hex(`videovector-emulator:${key}`);
}

function invalidCredential(): ApiError {
	return new ApiError(
		401,
		'authentication_invalid_api_key',
		'Missing, invalid, expired or revoked credential',
	);
}

function bearerOf(headers: IncomingHttpHeaders): string | undefined {
	const header = headers.authorization;
	if (!header) return undefined;
	const match = /^Bearer\s+(.+)$/i.exec(header.trim());
	return match?.[1]?.trim();
}

export interface AuthOptions {
	store: Store;
	bearerToken: string;
	now: () => number;
	nowIso: () => string;
}

/**
 * Resolves the caller. `X-API-Key` wins over `Authorization` (docs/api/conventions.md#authentication-and-scopes); an `sk_live_` value in the
 * bearer header counts as an API key (docs/api/conventions.md#api-key-in-the-bearer-header); any other bearer value must be the user JWT.
 */
export function authenticate(
	headers: IncomingHttpHeaders,
	routeAuth: RouteAuth,
	options: AuthOptions,
): Principal {
	if (routeAuth === 'none') return ANONYMOUS;
	const headerKey =
		typeof headers['x-api-key'] === 'string' ? headers['x-api-key'].trim() : undefined;
	const bearer = bearerOf(headers);
	const apiKey = headerKey || (bearer?.startsWith('sk_live_') ? bearer : undefined);

	if (apiKey) {
		const record = lookupKey(apiKey, options);
		if (!record) throw invalidCredential();
		if (routeAuth === 'jwt') {
			throw new ApiError(
				403,
				'authorization_jwt_required',
				'This endpoint requires a user session (Authorization: Bearer <JWT>); API keys are not accepted',
			);
		}
		record.last_used_at = options.nowIso();
		return {
			kind: 'api_key',
			keyId: record.key_id,
			scopes: record.scopes,
			idempotencyScope: `key:${record.key_id}`,
		};
	}
	if (bearer !== undefined) {
		if (bearer !== options.bearerToken) throw invalidCredential();
		return { kind: 'jwt', keyId: null, scopes: [...ALL_SCOPES], idempotencyScope: 'jwt' };
	}
	throw invalidCredential();
}

function lookupKey(key: string, options: AuthOptions): ApiKeyRec | undefined {
	if (!API_KEY_PATTERN.test(key)) return undefined;
	const keyId = options.store.apiKeyByHash.get(hashApiKey(key));
	const record = keyId ? options.store.apiKeys.get(keyId) : undefined;
	if (!record || record.revoked_at) return undefined;
	if (record.expires_at && Date.parse(record.expires_at) <= options.now()) return undefined;
	return record;
}

export function requireScope(principal: Principal, required: Scope | null): void {
	if (required === null || principal.kind !== 'api_key') return;
	const granted = Math.max(-1, ...principal.scopes.map((scope) => SCOPE_RANK[scope]));
	if (granted < SCOPE_RANK[required]) {
		throw new ApiError(
			403,
			'authorization_insufficient_scope',
			`This API key lacks the '${required}' scope`,
			{
				required_scope: required,
				granted_scopes: principal.scopes,
			},
		);
	}
}
