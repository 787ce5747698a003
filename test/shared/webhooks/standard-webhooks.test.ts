import { describe, expect, it } from 'vitest';

import {
	decodeStandardSecret,
	signStandardWebhook,
	standardWebhookHeaders,
	verifyStandardWebhook,
} from '../../../shared/webhooks/standard-webhooks';
import { bodyOf, standardWebhookVectors } from '../helpers/vectors';

const vectors = standardWebhookVectors();

describe('verifyStandardWebhook against the shared vectors', () => {
	it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
		const result = verifyStandardWebhook({
			secrets: vector.secrets,
			headers: vector.headers,
			rawBody: bodyOf(vector),
			nowSeconds: vector.now_seconds,
		});
		if (vector.expected.ok) {
			expect(result).toMatchObject({
				ok: true,
				secretIndex: vector.expected.secretIndex,
				id: vector.headers['webhook-id'],
			});
		} else {
			expect(result).toEqual(vector.expected);
		}
	});
});

describe('signStandardWebhook', () => {
	it('reproduces the specification example', () => {
		const spec = vectors.find((v) => v.name === 'spec example');
		expect(spec).toBeDefined();
		const signature = signStandardWebhook(spec!.secrets[0] as string, {
			id: spec!.headers['webhook-id'] as string,
			timestamp: Number(spec!.headers['webhook-timestamp']),
			rawBody: bodyOf(spec!),
		});
		expect(signature).toBe(spec!.headers['webhook-signature']);
	});

	it('headers for several secrets verify with each secret, header names case-insensitive', () => {
		const secrets = [
			'whsec_' + Buffer.from('first-key-0123456789').toString('base64'),
			'whsec_' + Buffer.from('second-key-0123456789').toString('base64'),
		];
		const message = { id: 'msg_1', timestamp: 1_700_000_000, rawBody: '{"a":"é"}' };
		const headers = standardWebhookHeaders(secrets, message);
		expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
		const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
		for (const secret of secrets) {
			const verified = verifyStandardWebhook({
				secrets: [secret],
				headers: upper,
				rawBody: message.rawBody,
				nowSeconds: message.timestamp,
			});
			expect(verified).toMatchObject({ ok: true, secretIndex: 0 });
		}
	});

	it('honours a custom tolerance', () => {
		const secret = 'whsec_' + Buffer.from('tolerance-key').toString('base64');
		const headers = standardWebhookHeaders([secret], { id: 'm', timestamp: 1000, rawBody: 'x' });
		const at = (now: number, toleranceSeconds?: number) =>
			verifyStandardWebhook({
				secrets: [secret],
				headers,
				rawBody: 'x',
				nowSeconds: now,
				toleranceSeconds,
			}).ok;
		expect(at(1010, 5)).toBe(false);
		expect(at(1005, 5)).toBe(true);
		expect(at(1300)).toBe(true);
		expect(at(1301)).toBe(false);
	});

	it('rejects malformed secrets when signing, ignores them when verifying', () => {
		expect(decodeStandardSecret('whsec_')).toBeUndefined();
		expect(decodeStandardSecret('whsec_not base64!')).toBeUndefined();
		expect(decodeStandardSecret('c2VjcmV0')).toEqual(Buffer.from('secret'));
		expect(() => signStandardWebhook('whsec_???', { id: 'm', timestamp: 1, rawBody: '' })).toThrow(
			TypeError,
		);
		const good = 'whsec_' + Buffer.from('good-key').toString('base64');
		const headers = standardWebhookHeaders([good], { id: 'm', timestamp: 5, rawBody: 'b' });
		expect(
			verifyStandardWebhook({ secrets: ['whsec_???', good], headers, rawBody: 'b', nowSeconds: 5 }),
		).toMatchObject({
			ok: true,
			secretIndex: 1,
		});
		expect(
			verifyStandardWebhook({ secrets: ['whsec_???'], headers, rawBody: 'b', nowSeconds: 5 }),
		).toEqual({
			ok: false,
			reason: 'no_secrets',
		});
	});
});
