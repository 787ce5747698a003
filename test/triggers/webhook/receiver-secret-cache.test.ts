import { describe, expect, it } from 'vitest';

import { ReceiverSecretCache } from '../../../triggers/VideoVectorTrigger/receiver-secret-cache';

describe('receiver secrets kept between deliveries', () => {
	it('hands back what was read for the same endpoint until it is ttlMs old', () => {
		const cache = new ReceiverSecretCache(1_000);
		cache.set('wf|node|hook|production|cred', ['whsec_a', 'whsec_b'], 5_000);
		expect(cache.get('wf|node|hook|production|cred', 5_999)).toEqual(['whsec_a', 'whsec_b']);
		expect(cache.get('wf|node|hook|test|cred', 5_500)).toBeUndefined();
		expect(cache.get('wf|node|hook|production|cred', 6_000)).toBeUndefined();
		// Expired entries are gone, not merely hidden.
		expect(cache.get('wf|node|hook|production|cred', 5_500)).toBeUndefined();
	});

	it('does not trust an entry when the clock went backwards', () => {
		const cache = new ReceiverSecretCache(1_000);
		cache.set('scope', ['whsec_a'], 10_000);
		expect(cache.get('scope', 9_000)).toBeUndefined();
	});

	it('keeps a bounded number of endpoints, dropping the oldest read', () => {
		const cache = new ReceiverSecretCache(60_000, 2);
		cache.set('a', ['1'], 0);
		cache.set('b', ['2'], 1);
		cache.set('a', ['3'], 2);
		cache.set('c', ['4'], 3);
		expect(cache.get('b', 4)).toBeUndefined();
		expect(cache.get('a', 4)).toEqual(['3']);
		expect(cache.get('c', 4)).toEqual(['4']);
		cache.clear();
		expect(cache.get('a', 4)).toBeUndefined();
	});
});
