import { describe, expect, it } from 'vitest';

import { alreadySeen, rememberDelivery, type SeenDelivery } from '../../../triggers/VideoVectorTrigger/delivery-dedupe';

const HOUR = 3_600_000;

describe('remembered delivery ids', () => {
	it('recognises a delivery id it has accepted', () => {
		const seen = rememberDelivery([], 'dlv_1', 0);
		expect(alreadySeen(seen, 'dlv_1')).toBe(true);
		expect(alreadySeen(seen, 'dlv_2')).toBe(false);
	});

	it('keeps at most the newest 1,000 ids', () => {
		let seen: SeenDelivery[] = [];
		for (let i = 0; i < 1_005; i++) seen = rememberDelivery(seen, `dlv_${i}`, i);
		expect(seen).toHaveLength(1_000);
		expect(alreadySeen(seen, 'dlv_4')).toBe(false);
		expect(alreadySeen(seen, 'dlv_5')).toBe(true);
		expect(alreadySeen(seen, 'dlv_1004')).toBe(true);
	});

	it('forgets ids older than 24 hours', () => {
		const seen = rememberDelivery(rememberDelivery([], 'old', 0), 'recent', 23 * HOUR);
		const later = rememberDelivery(seen, 'now', 24 * HOUR);
		expect(later.map((entry) => entry.id)).toEqual(['recent', 'now']);
	});

	it('a repeated id moves to the end instead of appearing twice', () => {
		const seen = rememberDelivery(rememberDelivery(rememberDelivery([], 'a', 1), 'b', 2), 'a', 3);
		expect(seen).toEqual([
			{ id: 'b', at: 2 },
			{ id: 'a', at: 3 },
		]);
	});
});
