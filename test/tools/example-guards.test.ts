import { describe, expect, it } from 'vitest';

import { EXAMPLE_KEYS, readExample } from '../../tools/examples/catalog';

/**
 * The Remove Duplicates guard of examples 1 and 3 keeps its seen keys in one n8n database row per
 * workflow, written read-then-insert. When the first two executions of a workflow reach the guard at
 * the same moment, both find no row, both insert, and the second fails with
 * `UNIQUE constraint failed: processed_data.workflowId, processed_data.context` (seen in a loaded
 * e2e run). The trigger has already answered the delivery, so that failure would lose the event.
 * Retrying the node reads the row the other execution created and records the key there.
 */

const guards = EXAMPLE_KEYS.flatMap((key) =>
	readExample(key)
		.nodes.filter(
			(node) =>
				node.type === 'n8n-nodes-base.removeDuplicates' &&
				node.parameters.operation === 'removeItemsSeenInPreviousExecutions',
		)
		.map((node) => ({ key, node })),
);

describe('Remove Duplicates guards in the examples', () => {
	it('exist in the examples that have a side effect to guard (1 and 3)', () => {
		expect(guards.map(({ key }) => key).sort()).toEqual(['exportArchive', 'runAlert']);
	});

	it.each(guards.map(({ key, node }) => [key, node.name, node] as const))(
		'%s › "%s" retries when a concurrent first execution created its row',
		(_key, _name, node) => {
			expect(node.retryOnFail).toBe(true);
			expect(node.maxTries).toBeGreaterThanOrEqual(2);
			expect(node.waitBetweenTries).toBeGreaterThan(0);
		},
	);
});
