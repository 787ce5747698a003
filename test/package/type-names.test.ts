import { describe, expect, it } from 'vitest';

import { credentialTypes, nodeDescriptions, PACKAGE } from './loaded-types';

/**
 * n8n keys credential types by their bare name across every installed package, and node types by
 * `<package name>.<node name>`. The vendor publishes its own package for the same API; these are
 * the type names it defines (VectorMethods/n8n-nodes-videovector: credentials/VideoVectorApi,
 * nodes/VideoVector, nodes/VideoVectorTrigger). A clash would make one of the two packages break.
 */
const VENDOR_PACKAGE = '@vectormethods/n8n-nodes-videovector';
const VENDOR_CREDENTIAL_TYPES = ['videoVectorApi'];
const VENDOR_NODE_TYPES = ['videoVector', 'videoVectorTrigger'].map(
	(name) => `${VENDOR_PACKAGE}.${name}`,
);

describe('type names that cannot clash with the vendor package', () => {
	it('loads every credential and node package.json lists', async () => {
		expect((await credentialTypes()).map((c) => c.name)).toHaveLength(
			PACKAGE.n8n.credentials.length,
		);
		expect((await nodeDescriptions()).map((d) => d.name)).toHaveLength(PACKAGE.n8n.nodes.length);
	});

	it('uses credential type names the vendor does not define, with our package prefix', async () => {
		for (const credential of await credentialTypes()) {
			expect(VENDOR_CREDENTIAL_TYPES, credential.name).not.toContain(credential.name);
			expect(credential.name).toMatch(/^n8nNodesVideoVector[A-Za-z]*Api$/);
		}
	});

	it('references only its own credential types from its nodes', async () => {
		const ours = new Set((await credentialTypes()).map((c) => c.name));
		for (const description of await nodeDescriptions()) {
			for (const credential of description.credentials ?? [])
				expect(ours, `${description.name} → ${credential.name}`).toContain(credential.name);
		}
	});

	it('has full node type names the vendor does not define', async () => {
		expect(PACKAGE.name).not.toBe(VENDOR_PACKAGE);
		for (const description of await nodeDescriptions()) {
			expect(VENDOR_NODE_TYPES).not.toContain(`${PACKAGE.name}.${description.name}`);
		}
	});
});
