import type { IHttpRequestOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { N8nNodesVideoVectorApi } from '../../../credentials/N8nNodesVideoVectorApi.credentials';
import { normalizeBaseUrl } from '../../../shared/contract/base-url';

const credential = new N8nNodesVideoVectorApi();
const testRequest = credential.test.request as IHttpRequestOptions;

/** What the Test button would send: its request after the credential's authenticate step. */
async function testButtonRequest(baseUrl: string, allowInsecureHttp: boolean) {
	return await credential.authenticate(
		{ authentication: 'apiKey', apiKey: 'vv_secret_key_1234', baseUrl, allowInsecureHttp },
		{ ...testRequest, baseURL: baseUrl },
	);
}

/** Whether the node itself would send the key to this Base URL. */
function nodeAccepts(baseUrl: string, allowInsecureHttp: boolean): boolean {
	try {
		normalizeBaseUrl(baseUrl, { allowInsecureHttp });
		return true;
	} catch {
		return false;
	}
}

describe('API credential Test button', () => {
	const cases: Array<[string, boolean]> = [
		['https://api.vectormethods.com/api/v2', false],
		['http://localhost:8080/api/v2', false],
		['http://127.0.0.1:3000/api/v2', false],
		['http://[::1]:3000/api/v2', false],
		['http://api.example.com/api/v2', false],
		['HTTP://10.0.0.5:8080/api/v2', false],
		['http://localhost.attacker.example/api/v2', false],
		['http://127.0.0.1.attacker.example/api/v2', false],
		['http://api.example.com/api/v2', true],
	];

	it.each(cases)(
		'%s (allow insecure http: %s) gets the key only where the node would send it',
		async (baseUrl, allowInsecureHttp) => {
			const attempt = testButtonRequest(baseUrl, allowInsecureHttp);
			if (nodeAccepts(baseUrl, allowInsecureHttp)) {
				expect((await attempt).headers?.['X-API-Key']).toBe('vv_secret_key_1234');
			} else {
				await expect(attempt).rejects.toThrow(/Allow Insecure HTTP/);
			}
		},
	);

	it('tests the Base URL as typed (a plain expression the editor can run when the dialog opens)', () => {
		expect(testRequest.baseURL).toBe('={{ $credentials.baseUrl }}');
	});

	it('never names the key in the refusal', async () => {
		const error: unknown = await testButtonRequest('http://api.example.com/api/v2', false).then(
			() => undefined,
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).not.toContain('vv_secret_key_1234');
	});
});
