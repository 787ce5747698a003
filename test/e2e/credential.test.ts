import { describe, expect, it } from 'vitest';

import { useStack } from './harness/use-stack';

const stack = useStack();

describe('VideoVector credential Test button (n8n runs the credential test request)', () => {
	it('succeeds with the emulator key', async () => {
		const result = await stack().testCredential();
		expect(result).toMatchObject({ status: 'OK' });
	});

	it('succeeds with the emulator bearer token', async () => {
		const result = await stack().testCredential({
			authentication: 'bearerToken',
			bearerToken: stack().emulator.bearerToken,
		});
		expect(result).toMatchObject({ status: 'OK' });
	});

	it('fails clearly with a wrong key, without echoing the key', async () => {
		const wrongKey = `sk_live_${'0'.repeat(48)}`;
		const result = await stack().testCredential({ apiKey: wrongKey });
		expect(result.status).toBe('Error');
		expect(result.message).toBe('The API key or bearer token is invalid, revoked or expired');
		expect(result.message).not.toContain(wrongKey);
	});
});
