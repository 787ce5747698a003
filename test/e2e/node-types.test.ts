import { describe, expect, it } from 'vitest';

import { declaredTypes } from './harness/package-types';
import { useStack } from './harness/use-stack';

const stack = useStack();

describe('package loaded by n8n as a community package', () => {
	it('lists every node type of package.json n8n.nodes under the package name, and nothing else', async () => {
		const declared = declaredTypes();
		expect(declared.nodes.length).toBeGreaterThan(0);
		const loaded = new Set((await stack().nodeTypes()).map((type) => type.name));
		const ours = [...loaded].filter((name) => name.startsWith(`${declared.packageName}.`));
		expect(ours.sort()).toEqual([...declared.nodes].sort());
	});

	it('lists every credential type of package.json n8n.credentials', async () => {
		const declared = declaredTypes();
		expect(declared.credentials).toContain('n8nNodesVideoVectorApi');
		const loaded = (await stack().credentialTypes()).map((type) => type.name);
		for (const name of declared.credentials) expect(loaded).toContain(name);
	});

	it('loads nothing it would have to resolve from outside n8n: no load errors in the log', () => {
		expect(stack().logSinceStart()).not.toMatch(/Failed to load package|Cannot find module/);
	});
});
