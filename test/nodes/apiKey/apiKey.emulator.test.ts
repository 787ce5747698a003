/** API keys over real HTTP against the emulator: refused locally with an API key, working with the bearer token. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/app.js';
import { runNode } from '../../support/run-node';
import { failureOf } from '../../support/node-fixtures';
import { emulatorRunner } from '../../support/emulator-run';

let emulator: RunningEmulator;
const { apiKey, bearer } = emulatorRunner(() => emulator);

beforeAll(async () => {
	emulator = await startEmulator({ seed: 'empty', randomSeed: 'node-api-keys', clockScale: 0 });
});

afterAll(async () => {
	await emulator?.close();
});

const validate = async (key: string) => {
	const { output } = await runNode({
		parameters: { resource: 'account', operation: 'validateCredentials' },
		credentials: { apiKey: key, baseUrl: emulator.baseUrl },
	});
	return output[0].json;
};

describe('API keys against the emulator', () => {
	it('with an API-key credential, every operation is refused before reaching the API', async () => {
		emulator.control.requests.clear();
		for (const [operation, extra] of [
			['create', { name: 'CI', scopes: ['read'], expiresInDays: 0 }],
			['getAll', { returnAll: true }],
			['rotate', { keyId: 'key_demo' }],
		] as const) {
			const error = await failureOf(apiKey({ resource: 'apiKey', operation, ...extra }));
			expect(error.message).toBe('API key operations need a Bearer Token credential');
		}
		expect(emulator.control.requests.list({ path: '/api-keys' })).toHaveLength(0);
	});

	it('with the bearer token: create returns a working key once; rotate, revoke and delete manage it', async () => {
		const created = (
			await bearer({
				resource: 'apiKey',
				operation: 'create',
				name: 'CI',
				scopes: ['read', 'write'],
				expiresInDays: 30,
			})
		).output[0].json;
		const key = created.key as string;
		expect(key).toMatch(/^sk_live_[0-9a-f]{48}$/);
		expect(created).toMatchObject({ name: 'CI', scopes: ['read', 'write'], is_active: true });
		expect(created.expires_at).toEqual(expect.any(String));
		expect(await validate(key)).toEqual({ valid: true });

		const listed = (
			await bearer({ resource: 'apiKey', operation: 'getAll', returnAll: true })
		).output.map((item) => item.json);
		expect(listed.map((k) => k.key_id)).toContain(created.key_id);
		expect(JSON.stringify(listed)).not.toContain(key);

		const rotated = (
			await bearer({ resource: 'apiKey', operation: 'rotate', keyId: created.key_id })
		).output[0].json as { old_key_id: string; new_key: { key: string; key_id: string } };
		expect(rotated.old_key_id).toBe(created.key_id);
		expect(await validate(rotated.new_key.key)).toEqual({ valid: true });
		expect(await validate(key)).toMatchObject({ valid: false });

		const revoked = (
			await bearer({ resource: 'apiKey', operation: 'revoke', keyId: rotated.new_key.key_id })
		).output[0].json;
		expect(revoked).toMatchObject({ key_id: rotated.new_key.key_id, is_active: false });
		expect(await validate(rotated.new_key.key)).toMatchObject({ valid: false });

		await bearer({ resource: 'apiKey', operation: 'delete', keyId: rotated.new_key.key_id });
		const error = await failureOf(
			bearer({ resource: 'apiKey', operation: 'get', keyId: rotated.new_key.key_id }),
		);
		expect(error.httpCode).toBe('404');
	});
});
