import { describe, expect, it } from 'vitest';

import { deriveIdempotencyKey } from '../../../shared/n8n/idempotency';

const base = {
	instanceId: 'inst-a',
	workflowId: 'wf-1',
	executionId: '1',
	nodeId: 'node-1',
	runIndex: 0,
	itemIndex: 0,
	operation: 'indexes.create',
};

describe('derived Idempotency-Key', () => {
	it('is the same for the same instance, workflow, execution, node, run, item and operation (node retries, Retry On Fail)', () => {
		expect(deriveIdempotencyKey({ ...base })).toBe(deriveIdempotencyKey({ ...base }));
		expect(deriveIdempotencyKey(base)).toMatch(/^n8n-[0-9a-f]{64}$/);
	});

	it('differs between two n8n instances, or workflows, whose executions are both numbered 1 (fresh instances, reset database)', () => {
		const keys = new Set([
			deriveIdempotencyKey(base),
			deriveIdempotencyKey({ ...base, instanceId: 'inst-b' }),
			deriveIdempotencyKey({ ...base, workflowId: 'wf-2' }),
			deriveIdempotencyKey({ ...base, executionId: '2' }),
			deriveIdempotencyKey({ ...base, itemIndex: 1 }),
			deriveIdempotencyKey({ ...base, runIndex: 1 }),
		]);
		expect(keys.size).toBe(6);
	});

	it('does not let parts run into each other', () => {
		expect(deriveIdempotencyKey({ ...base, instanceId: 'a', workflowId: 'bc' })).not.toBe(
			deriveIdempotencyKey({ ...base, instanceId: 'ab', workflowId: 'c' }),
		);
	});
});
