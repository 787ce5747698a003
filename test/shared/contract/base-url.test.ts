import { describe, expect, it } from 'vitest';

import { credentialBaseUrl, normalizeBaseUrl } from '../../../shared/contract/base-url';

describe('normalizeBaseUrl: plain http only on loopback unless allowed', () => {
	it.each([
		'https://api.vectormethods.com/api/v2',
		'https://10.0.0.5:8443/api/v2',
		'http://127.0.0.1:4010/api/v2',
		'http://127.8.9.10/api/v2',
		'http://localhost:4010/api/v2',
		'http://LOCALHOST/api/v2',
		'http://[::1]:4010/api/v2',
	])('accepts %s', (url) => {
		expect(normalizeBaseUrl(`${url}/`)).toBe(url.replace('LOCALHOST', 'localhost'));
	});

	it.each([
		'http://api.vectormethods.com/api/v2',
		'http://10.0.0.5:8080/api/v2',
		'http://[::2]/api/v2',
		'http://127.0.0.1.example.com/api/v2',
		'http://localhost.example.com/api/v2',
	])('refuses %s, naming https and the opt-in', (url) => {
		expect(() => normalizeBaseUrl(url)).toThrow(/must use https.*Allow Insecure HTTP/);
	});

	it('accepts plain http off loopback when the credential allows it', () => {
		expect(normalizeBaseUrl('http://10.0.0.5:8080/api/v2', { allowInsecureHttp: true })).toBe(
			'http://10.0.0.5:8080/api/v2',
		);
		expect(
			credentialBaseUrl({ baseUrl: 'http://staging.internal/api/v2', allowInsecureHttp: true }),
		).toBe('http://staging.internal/api/v2');
	});

	it('reads the switch from the credential and treats anything but true as off', () => {
		expect(() => credentialBaseUrl({ baseUrl: 'http://staging.internal/api/v2' })).toThrow(
			/must use https/,
		);
		expect(() =>
			credentialBaseUrl({ baseUrl: 'http://staging.internal/api/v2', allowInsecureHttp: 'true' }),
		).toThrow(/must use https/);
		expect(
			credentialBaseUrl({ baseUrl: 'http://127.0.0.1:9/api/v2', allowInsecureHttp: false }),
		).toBe('http://127.0.0.1:9/api/v2');
	});

	it('does not echo a password pasted into a refused URL', () => {
		expect(() => normalizeBaseUrl('http://user:hunter2-secret@staging.internal/api/v2')).toThrow(
			/^(?!.*hunter2)/s,
		);
	});
});
