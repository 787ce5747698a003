import { describe, expect, it } from 'vitest';

import {
	isSecretFieldName,
	redact,
	redactDeep,
	redactHeaders,
	truncate,
} from '../../../shared/http/redact';

const KEY = `sk_live_${'0a'.repeat(24)}`;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';
const TOKEN = 'v1.abcdefghijklmnop.qrstuvwxyz012345';

describe('redact', () => {
	it.each([
		[`key ${KEY} rejected`, 'key sk_live_[REDACTED] rejected'],
		[`X-API-Key: ${KEY}`, 'X-API-Key: [REDACTED]'],
		[`{"x-api-key":"${KEY}"}`, '{"x-api-key":"[REDACTED]"}'],
		[`Authorization: Bearer ${JWT}`, 'Authorization: [REDACTED]'],
		[`sent bearer ${JWT} twice`, 'sent bearer [REDACTED] twice'],
		[`token ${JWT}`, 'token [REDACTED]'],
		[
			`GET /api/v2/exports/e/download?token=${TOKEN}&a=1`,
			'GET /api/v2/exports/e/download?token=[REDACTED]&a=1',
		],
		[`minted ${TOKEN}`, 'minted [REDACTED]'],
		['secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw end', 'secret whsec_[REDACTED] end'],
		['{"secret": "plain-value", "name": "n"}', '{"secret": "[REDACTED]", "name": "n"}'],
		[
			'{"new_secret":"abc","client_secret":"def"}',
			'{"new_secret":"[REDACTED]","client_secret":"[REDACTED]"}',
		],
		["password='hunter2' ok", "password='[REDACTED]' ok"],
		[
			'total_tokens: 5, code authorization_insufficient_scope: key lacks write',
			'total_tokens: 5, code authorization_insufficient_scope: key lacks write',
		],
		['nothing to hide here', 'nothing to hide here'],
	])('%s', (input, expected) => {
		expect(redact(input)).toBe(expected);
	});

	it('replaces known secret values in any format, ignoring very short ones', () => {
		expect(redact('custom key abc-123-xyz leaked', ['abc-123-xyz'])).toBe(
			'custom key [REDACTED] leaked',
		);
		expect(redact('a b c', ['b'])).toBe('a b c');
		expect(redact('regex chars a.b*c here', ['a.b*c+'])).toBe('regex chars a.b*c here');
	});
});

describe('redactDeep', () => {
	it('blanks secret-named fields, scrubs strings, keeps structure', () => {
		const input = {
			webhook_id: 'wh_1',
			secret: 'whsec_x',
			nested: [{ aws_secret_access_key: 'AKIA', note: `uses ${KEY}` }],
			is_active: true,
			count: 3,
		};
		expect(redactDeep(input)).toEqual({
			webhook_id: 'wh_1',
			secret: '[REDACTED]',
			nested: [{ aws_secret_access_key: '[REDACTED]', note: 'uses sk_live_[REDACTED]' }],
			is_active: true,
			count: 3,
		});
	});

	it('drops the echoed input of a FastAPI item about a secret field', () => {
		const item = { loc: ['body', 'client_secret'], msg: 'too short', input: 'xyz' };
		expect(redactDeep([item])).toEqual([{ ...item, input: '[REDACTED]' }]);
		const harmless = { loc: ['body', 'name'], msg: 'too short', input: 'ab' };
		expect(redactDeep(harmless)).toEqual(harmless);
	});
});

describe('helpers', () => {
	it('redactHeaders blanks credential headers', () => {
		expect(
			redactHeaders({ 'X-API-Key': KEY, Authorization: 'Bearer x', accept: 'application/json' }),
		).toEqual({
			'X-API-Key': '[REDACTED]',
			Authorization: '[REDACTED]',
			accept: 'application/json',
		});
	});

	it('isSecretFieldName', () => {
		for (const name of [
			'secret',
			'new_secret',
			'aws_secret_access_key',
			'X-API-Key',
			'apiKey',
			'password',
			'credentials_file',
			'token',
		]) {
			expect(isSecretFieldName(name), name).toBe(true);
		}
		for (const name of [
			'total_tokens',
			'key_id',
			'idempotency_key',
			'authorization_insufficient_scope',
			'secretary',
		]) {
			expect(isSecretFieldName(name), name).toBe(false);
		}
	});

	it('truncate trims and caps with an ellipsis', () => {
		expect(truncate('  abc  ', 10)).toBe('abc');
		expect(truncate('abcdef', 4)).toBe('abc…');
	});
});
