import { describe, expect, it } from 'vitest';

import { N8nNodesVideoVectorApi } from '../../../credentials/N8nNodesVideoVectorApi.credentials';
import { normalizeBaseUrl } from '../../../shared/contract/base-url';

/** The credential's Test button request URL, evaluated as n8n evaluates a `={{ … }}` expression. */
function testBaseUrl(credentials: { baseUrl: string; allowInsecureHttp?: boolean }): string {
	const expression = String(new N8nNodesVideoVectorApi().test.request.baseURL);
	const body = /^=\{\{([\s\S]*)\}\}$/.exec(expression)?.[1];
	if (body === undefined) throw new Error(`not an expression: ${expression}`);
	return new Function('$credentials', `return (${body});`)(credentials) as string;
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
		'%s (allow insecure http: %s) goes where the node would send the key, or nowhere',
		(baseUrl, allowInsecureHttp) => {
			const url = testBaseUrl({ baseUrl, allowInsecureHttp });
			if (nodeAccepts(baseUrl, allowInsecureHttp)) expect(url).toBe(baseUrl);
			else expect(url).toBe('https://turn-on-allow-insecure-http-or-use-https.invalid/api/v2');
		},
	);

	it('refuses plain http off this machine unless allowed', () => {
		expect(testBaseUrl({ baseUrl: 'http://api.example.com/api/v2' })).toMatch(/\.invalid\//);
		expect(nodeAccepts('http://api.example.com/api/v2', false)).toBe(false);
	});
});
