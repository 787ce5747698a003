import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { ENDPOINTS } from '../../shared/contract/endpoints';
import { CAP_NOTICE } from '../../shared/n8n/list-extent';
import type { OperationDefinition } from '../../nodes/VideoVector/actions/operation';
import { RESOURCES } from '../../nodes/VideoVector/actions/resources';
import { type RecordedRequest, runNode, TEST_BASE_URL } from '../support/run-node';

/**
 * "Return All" never truncates silently. Every operation with a Return All either pages through a
 * cursor (one of its endpoints is paginated in the endpoint table), or is a list the API answers
 * whole (Return All sends no limit), or is capped: Return All sends a limit, and then a notice under
 * Return All states that cap (= the Limit's maximum) and the output says so when it gets that many.
 */

interface ListOperation {
	id: string;
	resource: string;
	operation: OperationDefinition;
	limit: INodeProperties | undefined;
	notice: INodeProperties | undefined;
}

const LIST_OPERATIONS: ListOperation[] = RESOURCES.flatMap((resource) =>
	resource.operations.flatMap((operation) => {
		if (!operation.properties.some((p) => p.name === 'returnAll')) return [];
		const find = (name: string) => operation.properties.find((p) => p.name === name);
		return [
			{
				id: `${resource.value}.${operation.value}`,
				resource: resource.value,
				operation,
				limit: find('limit'),
				notice: find(CAP_NOTICE),
			},
		];
	}),
);

const pages = (op: ListOperation) => op.operation.endpoints.some((key) => ENDPOINTS[key].paginated);
const statedCap = (op: ListOperation) => /at most (\d+)/.exec(String(op.notice?.displayName))?.[1];

/** Runs the operation with Return All (or a Limit of `limit`), the API answering `count` items. */
function run(op: ListOperation, count: number, limit?: number) {
	return runNode({
		// API key operations refuse an API-key credential before sending; a bearer token suits every list.
		credentials: { authentication: 'bearerToken', bearerToken: 'token', baseUrl: TEST_BASE_URL },
		parameters: (name: string) => {
			if (name === 'resource') return op.resource;
			if (name === 'operation') return op.operation.value;
			if (name === 'returnAll') return limit === undefined;
			if (name === 'limit') return limit;
			// Every id a list needs (webhook, media, connector, run…) comes from a locator.
			if (/Id$/.test(name)) return { __rl: true, mode: 'id', value: 'id_1' };
			return undefined;
		},
		respond: () => ({
			headers: { 'content-type': 'application/json' },
			body: Array.from({ length: count }, (_, i) => ({ id: `item_${i}` })),
		}),
	});
}

/** The `limit` a request asks the API for, in its query or its JSON body. */
function sentLimit(request: RecordedRequest): number | undefined {
	const query = new URL(request.url).searchParams.get('limit');
	if (query !== null) return Number(query);
	const body = request.body as { limit?: unknown } | undefined;
	return typeof body?.limit === 'number' ? body.limit : undefined;
}

const plainLists = LIST_OPERATIONS.filter((op) => !pages(op));

describe('Return All reaches as far as it says', () => {
	it('finds the list operations', () => {
		// Floors, so a refactor that hides Return All from this scan fails instead of passing vacuously.
		expect(LIST_OPERATIONS.length).toBeGreaterThanOrEqual(20);
		expect(LIST_OPERATIONS.filter(pages).length).toBeGreaterThanOrEqual(5);
		expect(plainLists.length).toBeGreaterThanOrEqual(10);
	});

	it.each(plainLists.map((op) => [op.id, op]))(
		'%s: without a cursor, Return All either asks for no limit (whole list) or states the limit it asks for',
		async (_id, op) => {
			const { requests } = await run(op, 3);
			expect(requests).toHaveLength(1);
			const asked = sentLimit(requests[0]!);
			if (asked === undefined) {
				expect(op.notice, 'a whole list states no cap').toBeUndefined();
				return;
			}
			expect(statedCap(op), 'Return All asks for a limit, so a notice must state it').toBe(
				String(asked),
			);
			expect(op.limit?.typeOptions?.maxValue).toBe(asked);
			expect(op.notice?.displayOptions?.show?.returnAll).toEqual([true]);
		},
	);

	it('states caps only on lists without a cursor', () => {
		expect(LIST_OPERATIONS.filter((op) => op.notice && pages(op)).map((op) => op.id)).toEqual([]);
	});

	const capped = plainLists.filter((op) => statedCap(op));
	it('finds the capped lists', () => {
		expect(capped.length).toBeGreaterThanOrEqual(5);
	});

	it.each(capped.map((op) => [op.id, op]))(
		'%s says so in the output when Return All reaches the cap, and only then',
		async (_id, op) => {
			const cap = Number(statedCap(op));
			const full = await run(op, cap);
			expect(full.output).toHaveLength(cap);
			expect(full.hints).toHaveLength(1);
			expect(full.hints[0]!.location).toBe('outputPane');
			expect(full.hints[0]!.message).toContain(`Returned ${cap} `);
			expect(full.hints[0]!.message).toMatch(/there may be more/);
			expect((await run(op, cap - 1)).hints).toEqual([]);
			expect((await run(op, cap, cap)).hints).toEqual([]);
		},
	);
});
