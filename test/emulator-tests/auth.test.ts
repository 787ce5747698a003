import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './helpers.js';

describe('authentication and scopes (docs/api/conventions.md#authentication-and-scopes)', () => {
	let t: TestEmulator;
	beforeAll(async () => {
		t = await startTestEmulator();
	});
	afterAll(() => t.close());

	const createKey = async (scopes: string[], extra: Record<string, unknown> = {}) => {
		const res = await t.call('POST', '/api-keys', {
			bearer: t.emu.bearerToken,
			body: { name: `key ${scopes.join('+')}`, scopes, ...extra },
		});
		expect(res.status).toBe(201);
		expect(res.body.key).toMatch(/^sk_live_[0-9a-f]{48}$/);
		return res.body as { key_id: string; key: string };
	};

	it('rejects missing and invalid keys with 401 authentication_invalid_api_key, without echoing the key', async () => {
		const missing = await t.call('GET', '/auth/validate', { key: null });
		expect(missing.status).toBe(401);
		expect(missing.body.error.code).toBe('authentication_invalid_api_key');
		const bogus = `sk_live_${'0'.repeat(48)}`;
		const invalid = await t.call('GET', '/indexes', { key: bogus });
		expect(invalid.status).toBe(401);
		expect(invalid.text).not.toContain(bogus);
		expect(invalid.body.error.request_id).toBe(invalid.headers.get('x-request-id'));
	});

	it('validates a good key with 204 and accepts an sk_live_ key as Bearer', async () => {
		expect((await t.call('GET', '/auth/validate')).status).toBe(204);
		expect((await t.call('GET', '/auth/validate', { bearer: t.emu.apiKey })).status).toBe(204);
	});

	it('requires the JWT on /api-keys: API key → 403 authorization_jwt_required, bad bearer → 401', async () => {
		const withKey = await t.call('GET', '/api-keys');
		expect(withKey.status).toBe(403);
		expect(withKey.body.error.code).toBe('authorization_jwt_required');
		expect((await t.call('GET', '/api-keys', { bearer: 'not-the-token' })).status).toBe(401);
		const ok = await t.call('GET', '/api-keys', { bearer: t.emu.bearerToken });
		expect(ok.status).toBe(200);
		expect(ok.body.some((k: { key_id: string }) => k.key_id === 'key_demo')).toBe(true);
		expect(JSON.stringify(ok.body)).not.toContain(t.emu.apiKey);
	});

	it('serves GET /webhooks/events without credentials', async () => {
		const res = await t.call('GET', '/webhooks/events', { key: null });
		expect(res.status).toBe(200);
		expect(res.body).toHaveLength(17);
		expect(res.body).toContain('export.ready');
	});

	it('enforces admin ⊇ write ⊇ read ⊇ search per endpoint', async () => {
		const search = await createKey(['search']);
		const read = await createKey(['read']);
		const write = await createKey(['write']);
		expect((await t.call('GET', '/indexes', { key: search.key })).status).toBe(200);
		const denied = await t.call('GET', '/prompts', { key: search.key });
		expect(denied.status).toBe(403);
		expect(denied.body.error.code).toBe('authorization_insufficient_scope');
		expect(denied.body.error.details.required_scope).toBe('read');
		expect((await t.call('GET', '/prompts', { key: read.key })).status).toBe(200);
		expect((await t.call('POST', '/indexes', { key: read.key, body: { name: 'x' } })).status).toBe(
			403,
		);
		const created = await t.call('POST', '/indexes', {
			key: write.key,
			body: { name: 'by write key' },
		});
		expect(created.status).toBe(201);
		expect(
			(await t.call('DELETE', `/indexes/${created.body.index_id}`, { key: write.key })).status,
		).toBe(403);
		expect((await t.call('DELETE', `/indexes/${created.body.index_id}`)).status).toBe(202);
	});

	it('revoked and rotated keys stop working; the rotated replacement works', async () => {
		const key = await createKey(['read']);
		expect((await t.call('GET', '/prompts', { key: key.key })).status).toBe(200);
		const rotated = await t.call('POST', `/api-keys/${key.key_id}/rotate`, {
			bearer: t.emu.bearerToken,
		});
		expect(rotated.status).toBe(200);
		expect(rotated.body.old_key_id).toBe(key.key_id);
		expect((await t.call('GET', '/prompts', { key: key.key })).status).toBe(401);
		const fresh = rotated.body.new_key as { key: string; key_id: string };
		expect((await t.call('GET', '/prompts', { key: fresh.key })).status).toBe(200);
		const revoked = await t.call('POST', `/api-keys/${fresh.key_id}/revoke`, {
			bearer: t.emu.bearerToken,
		});
		expect(revoked.body.is_active).toBe(false);
		expect((await t.call('GET', '/prompts', { key: fresh.key })).status).toBe(401);
		expect(
			(await t.call('GET', `/api-keys/${fresh.key_id}`, { bearer: t.emu.bearerToken })).body
				.revoked_at,
		).not.toBeNull();
	});

	it('expires keys on the emulator clock', async () => {
		const key = await createKey(['read'], { expires_in_days: 1 });
		expect((await t.call('GET', '/prompts', { key: key.key })).status).toBe(200);
		t.emu.control.clock.advance(2 * 86_400_000);
		expect((await t.call('GET', '/prompts', { key: key.key })).status).toBe(401);
	});
});
