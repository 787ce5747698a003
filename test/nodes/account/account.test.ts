import { describe, expect, it } from 'vitest';

import { runNode, TEST_API_KEY, type RecordedRequest } from '../../support/run-node';
import { path } from '../../support/node-fixtures';

const params = { resource: 'account', operation: 'validateCredentials' };

describe('Account: Validate Credentials', () => {
	it('204 means valid', async () => {
		const { requests, output } = await runNode({
			parameters: params,
			respond: () => ({ statusCode: 204, body: undefined }),
		});
		expect(`${requests[0].method} ${path(requests[0].url)}`).toBe('GET /auth/validate');
		expect(requests[0].headers['x-api-key']).toBe(TEST_API_KEY);
		expect(output).toEqual([{ json: { valid: true }, pairedItem: { item: 0 } }]);
	});

	it('401 is an answer, not a failure: valid false with the reason, and no key in it', async () => {
		const { output } = await runNode({
			parameters: params,
			respond: () => ({
				statusCode: 401,
				body: {
					error: {
						code: 'authentication_invalid_api_key',
						message: `Invalid API key ${TEST_API_KEY}`,
					},
				},
			}),
		});
		expect(output[0].json.valid).toBe(false);
		expect(output[0].json.reason).toContain('Invalid API key');
		expect(JSON.stringify(output[0].json)).not.toContain(TEST_API_KEY);
	});

	it('other refusals still fail the item', async () => {
		const requests: RecordedRequest[] = [];
		const run = runNode({
			parameters: params,
			respond: (r) => (
				requests.push(r),
				{
					statusCode: 403,
					body: { error: { code: 'authorization_insufficient_scope', message: 'Forbidden' } },
				}
			),
		});
		await expect(run).rejects.toMatchObject({ httpCode: '403' });
		expect(requests).toHaveLength(1);
	});
});
