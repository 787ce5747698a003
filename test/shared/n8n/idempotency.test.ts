import { describe, expect, it } from 'vitest';

import {
	deriveIdempotencyKey,
	idempotencyKeyFor,
	ORIGIN_EXECUTION_KEY,
} from '../../../shared/n8n/idempotency';
import { createExecuteContext } from '../../support/execute-context';

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

describe('key of a retried execution', () => {
	const context = (executionId: string, customData: Map<string, string>) =>
		createExecuteContext({
			parameters: {},
			credentials: { baseUrl: 'http://127.0.0.1:9/api/v2' },
			executionId,
			customData,
		});

	it('records the execution the work began in and keeps its keys when a later execution carries that custom data', () => {
		const data = new Map<string, string>();
		const first = idempotencyKeyFor(context('41', data), 0, 'indexes.create', '');
		expect(data.get(ORIGIN_EXECUTION_KEY)).toBe('41');
		// n8n's "Retry" from the executions list: a new id, the failed execution's custom data.
		const retried = idempotencyKeyFor(context('42', new Map(data)), 0, 'indexes.create', '');
		expect(retried).toBe(first);
		expect(first).toBe(
			deriveIdempotencyKey({
				instanceId: 'test-instance',
				workflowId: 'test-workflow',
				executionId: '41',
				nodeId: 'node-under-test',
				runIndex: 0,
				itemIndex: 0,
				operation: 'indexes.create',
			}),
		);
	});

	it('gives a new execution without that custom data its own keys', () => {
		const a = idempotencyKeyFor(context('41', new Map()), 0, 'indexes.create', '');
		const b = idempotencyKeyFor(context('42', new Map()), 0, 'indexes.create', '');
		expect(a).not.toBe(b);
	});

	it('falls back to the execution id when custom data is full', () => {
		const full = new Map(
			Array.from({ length: 10 }, (_, i) => [`user${i}`, 'x'] as [string, string]),
		);
		const key = idempotencyKeyFor(context('43', full), 0, 'indexes.create', '');
		expect(full.has(ORIGIN_EXECUTION_KEY)).toBe(false);
		expect(key).toBe(idempotencyKeyFor(context('43', new Map()), 0, 'indexes.create', ''));
	});
});
