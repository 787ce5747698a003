import { describe, expect, it } from 'vitest';

import {
	alreadySeen,
	rememberDelivery,
	type SeenDelivery,
} from '../../../triggers/VideoVectorTrigger/delivery-dedupe';

const HOUR = 3_600_000;

describe('remembered delivery ids', () => {
	it('recognises a delivery id it has accepted', () => {
		const seen = rememberDelivery([], 'dlv_1', 0).seen;
		expect(alreadySeen(seen, 'dlv_1')).toBe(true);
		expect(alreadySeen(seen, 'dlv_2')).toBe(false);
	});

	it('keeps at most the newest 1,000 ids', () => {
		let seen: SeenDelivery[] = [];
		for (let i = 0; i < 1_005; i++) seen = rememberDelivery(seen, `dlv_${i}`, i).seen;
		expect(seen).toHaveLength(1_000);
		expect(alreadySeen(seen, 'dlv_4')).toBe(false);
		expect(alreadySeen(seen, 'dlv_5')).toBe(true);
		expect(alreadySeen(seen, 'dlv_1004')).toBe(true);
	});

	it('reports the newest time the bound pushed out, so older envelopes can be refused', () => {
		let seen: SeenDelivery[] = [];
		for (let i = 0; i < 1_000; i++) seen = rememberDelivery(seen, `dlv_${i}`, i).seen;
		expect(rememberDelivery(seen, 'dlv_next', 5_000).evictedAt).toBe(0);
		expect(
			rememberDelivery(rememberDelivery(seen, 'dlv_next', 5_000).seen, 'dlv_more', 5_001).evictedAt,
		).toBe(1);
	});

	it('forgets ids older than 24 hours', () => {
		const seen = rememberDelivery(rememberDelivery([], 'old', 0).seen, 'recent', 23 * HOUR).seen;
		const later = rememberDelivery(seen, 'now', 24 * HOUR).seen;
		expect(later.map((entry) => entry.id)).toEqual(['recent', 'now']);
	});

	it('a repeated id moves to the end instead of appearing twice', () => {
		const seen = rememberDelivery(
			rememberDelivery(rememberDelivery([], 'a', 1).seen, 'b', 2).seen,
			'a',
			3,
		).seen;
		expect(seen).toEqual([
			{ id: 'b', at: 2 },
			{ id: 'a', at: 3 },
		]);
	});
});
