import { describe, expect, it } from 'vitest';

import { RecentDeliveries } from '../../../triggers/VideoVectorTrigger/recent-deliveries';

describe('deliveries remembered in process', () => {
	it('remembers per trigger endpoint', () => {
		const recent = new RecentDeliveries();
		recent.remember('wf|node|hook|production', 'dlv_1', 0);
		expect(recent.has('wf|node|hook|production', 'dlv_1')).toBe(true);
		expect(recent.has('wf|node|hook|test', 'dlv_1')).toBe(false);
		recent.clear();
		expect(recent.has('wf|node|hook|production', 'dlv_1')).toBe(false);
	});

	it('keeps a bounded number of endpoints, dropping the least recently used', () => {
		const recent = new RecentDeliveries(2);
		recent.remember('a', 'x', 0);
		recent.remember('b', 'x', 1);
		recent.remember('a', 'y', 2);
		recent.remember('c', 'x', 3);
		expect(recent.has('b', 'x')).toBe(false);
		expect(recent.has('a', 'x')).toBe(true);
		expect(recent.has('c', 'x')).toBe(true);
	});
});
