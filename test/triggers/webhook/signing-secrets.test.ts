import { describe, expect, it } from 'vitest';

import {
	acceptedSecrets,
	hasCurrentSecret,
	rotateInSecret,
} from '../../../triggers/VideoVectorTrigger/signing-secrets';

const MINUTE = 60_000;

describe('signing secrets with a rotation overlap', () => {
	it('keeps the previous secret until the overlap ends, current secret first', () => {
		const rotated = rotateInSecret(
			[{ secret: 'old', validUntil: null }],
			'new',
			1_000_000,
			30 * MINUTE,
		);
		expect(rotated).toEqual([
			{ secret: 'new', validUntil: null },
			{ secret: 'old', validUntil: 1_000_000 + 30 * MINUTE },
		]);
		expect(acceptedSecrets(rotated, 1_000_000 + 30 * MINUTE - 1)).toEqual(['new', 'old']);
		expect(acceptedSecrets(rotated, 1_000_000 + 30 * MINUTE)).toEqual(['new']);
	});

	it('with no overlap the previous secret is dropped at once', () => {
		expect(rotateInSecret([{ secret: 'old', validUntil: null }], 'new', 5, 0)).toEqual([
			{ secret: 'new', validUntil: null },
		]);
	});

	it('never extends an earlier end and forgets expired secrets on the next rotation', () => {
		const first = rotateInSecret([{ secret: 'a', validUntil: null }], 'b', 0, 10 * MINUTE);
		const second = rotateInSecret(first, 'c', 5 * MINUTE, 60 * MINUTE);
		expect(second).toEqual([
			{ secret: 'c', validUntil: null },
			{ secret: 'b', validUntil: 65 * MINUTE },
			{ secret: 'a', validUntil: 10 * MINUTE },
		]);
		const third = rotateInSecret(second, 'd', 11 * MINUTE, 60 * MINUTE);
		expect(third.map((entry) => entry.secret)).toEqual(['d', 'c', 'b']);
	});

	it('re-announcing the current secret changes nothing', () => {
		const secrets = [{ secret: 'same', validUntil: null }];
		expect(rotateInSecret(secrets, 'same', 1, MINUTE)).toEqual(secrets);
	});

	it('fails closed without a current secret', () => {
		expect(hasCurrentSecret([])).toBe(false);
		expect(hasCurrentSecret([{ secret: '', validUntil: null }])).toBe(false);
		expect(hasCurrentSecret([{ secret: 'x', validUntil: 10 }])).toBe(false);
		expect(acceptedSecrets([{ secret: '', validUntil: null }], 0)).toEqual([]);
	});
});
