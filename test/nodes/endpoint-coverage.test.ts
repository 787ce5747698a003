import { describe, expect, it } from 'vitest';

import { resourceProperties } from '../../nodes/VideoVector/actions/resource';
import { RESOURCES } from '../../nodes/VideoVector/actions/resources';
import { VideoVector } from '../../nodes/VideoVector/VideoVector.node';
import { ENDPOINTS } from '../../shared/contract/endpoints';

// ENDPOINTS is generated from the contract's endpoints.json (a test in test/shared fails on drift).
const contractKeys = Object.keys(ENDPOINTS).sort();
const operations = RESOURCES.flatMap((resource) =>
	resource.operations.map((op) => ({ resource, op })),
);

describe('VideoVector node covers the contract', () => {
	it('every endpoint of endpoints.json is called by at least one operation', () => {
		const called = new Set(operations.flatMap(({ op }) => op.endpoints));
		const uncovered = contractKeys.filter((key) => !called.has(key as never));
		expect(uncovered).toEqual([]);
		expect(contractKeys.length).toBe(106);
	});

	it('no operation names an endpoint the contract does not have', () => {
		const unknown = operations.flatMap(({ resource, op }) =>
			op.endpoints
				.filter((key) => !(key in ENDPOINTS))
				.map((key) => `${resource.value}.${op.value} → ${key}`),
		);
		expect(unknown).toEqual([]);
	});

	it('operation values are unique per resource and every option has an action sentence for agents', () => {
		for (const resource of RESOURCES) {
			const values = resource.operations.map((op) => op.value);
			expect(new Set(values).size, resource.value).toBe(values.length);
			for (const op of resource.operations) {
				expect(op.action.length, `${resource.value}.${op.value}`).toBeGreaterThan(5);
				expect(op.description.length, `${resource.value}.${op.value}`).toBeGreaterThan(10);
			}
		}
	});

	it('the node description offers every resource and operation, usable as an AI tool', () => {
		const description = new VideoVector().description;
		expect(description.usableAsTool).toBe(true);
		const resourceParam = description.properties.find((p) => p.name === 'resource');
		expect(resourceParam?.options?.map((o) => (o as { value: string }).value).sort()).toEqual(
			RESOURCES.map((r) => r.value).sort(),
		);
		for (const resource of RESOURCES) {
			const selector = description.properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource.value,
			);
			const offered = (selector?.options ?? []) as Array<{ value: string; name: string }>;
			expect(offered.map((o) => o.value).sort()).toEqual(
				resource.operations.map((op) => op.value).sort(),
			);
			// n8n's guidelines: operations listed alphabetically by name.
			const names = offered.map((o) => o.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			expect(selector?.default).toBe(resource.defaultOperation);
		}
	});

	it('every resource opens on the operation people come for, not on whatever sorts first', () => {
		const defaults = Object.fromEntries(RESOURCES.map((r) => [r.value, r.defaultOperation]));
		expect(defaults).toMatchObject({
			importJob: 'create',
			promptRun: 'execute',
			search: 'text',
			index: 'getAll',
			media: 'upload',
		});
		expect(() =>
			resourceProperties({ ...RESOURCES[0], defaultOperation: 'noSuchOperation' }),
		).toThrow(/not offered/);
	});
});
