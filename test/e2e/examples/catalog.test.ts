import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { visibleParameters } from '../harness/node-description';
import { declaredTypes } from '../harness/package-types';
import type { WorkflowJson, WorkflowNode } from '../../../tools/n8n/workflow-types';
import { useStack } from '../harness/use-stack';
import { EXAMPLE_KEYS, EXAMPLES, EXAMPLES_DIR, readExample } from '../../../tools/examples/catalog';

/**
 * The example files as files: every node type and version exists in the n8n they are meant for,
 * every parameter set on one of this package's nodes is a parameter that node shows for that
 * resource and operation (n8n silently ignores unknown ones, so a typo would only show as wrong
 * behaviour), connections name real nodes, and the README documents each file.
 */

const stack = useStack();
/** Parameters n8n adds to every node turned into an AI tool (n8n's convertNodeToAiTool). */
const TOOL_PARAMETERS = new Set(['descriptionType', 'toolDescription']);

function packageDescription(
	node: WorkflowNode,
	packageName: string,
): INodeTypeDescription | undefined {
	const short = node.type.startsWith(`${packageName}.`)
		? node.type.slice(packageName.length + 1)
		: undefined;
	if (!short) return undefined;
	const name = short.endsWith('Tool') ? short.slice(0, -'Tool'.length) : short;
	return declaredTypes().descriptions.find((description) => description.name === name);
}

/** Names set on the node that its description would not show (including inside collections). */
function unknownParameters(description: INodeTypeDescription, node: WorkflowNode): string[] {
	const parameters = Object.fromEntries(
		Object.entries(node.parameters).filter(([name]) => !TOOL_PARAMETERS.has(name)),
	);
	const shown = new Map(
		visibleParameters(description, parameters as never).map((property) => [
			property.name,
			property,
		]),
	);
	const unknown: string[] = [];
	for (const [name, value] of Object.entries(parameters)) {
		const property = shown.get(name);
		if (!property) {
			unknown.push(name);
			continue;
		}
		if (property.type === 'collection' && value && typeof value === 'object') {
			const inner = new Set(
				((property.options ?? []) as INodeProperties[]).map((option) => option.name),
			);
			for (const key of Object.keys(value)) if (!inner.has(key)) unknown.push(`${name}.${key}`);
		}
	}
	return unknown;
}

function connectedNames(workflow: WorkflowJson): string[] {
	const connections = workflow.connections as Record<
		string,
		Record<string, Array<Array<{ node: string }> | null>>
	>;
	return Object.entries(connections).flatMap(([source, outputs]) => [
		source,
		...Object.values(outputs).flatMap((branches) =>
			branches.flatMap((branch) => (branch ?? []).map((target) => target.node)),
		),
	]);
}

describe('example workflow files', () => {
	it.each(EXAMPLE_KEYS)('%s uses only node types and versions this n8n has', async (key) => {
		const loaded = await stack().nodeTypes();
		const versions = new Map<string, Set<number>>();
		for (const type of loaded) {
			const set = versions.get(type.name) ?? new Set<number>();
			for (const version of [type.version].flat()) set.add(version);
			versions.set(type.name, set);
		}
		for (const node of readExample(key).nodes) {
			expect(
				versions.get(node.type)?.has(node.typeVersion),
				`${node.name}: ${node.type}@${node.typeVersion}`,
			).toBe(true);
		}
	});

	it.each(EXAMPLE_KEYS)('%s sets only parameters its VideoVector nodes show', (key) => {
		const example = readExample(key);
		const packageName = declaredTypes().packageName;
		const ours = example.nodes.filter((node) => node.type.startsWith(`${packageName}.`));
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) {
			const description = packageDescription(node, packageName);
			expect(description, `${node.name}: ${node.type}`).toBeDefined();
			expect(unknownParameters(description as INodeTypeDescription, node), node.name).toEqual([]);
		}
	});

	it.each(EXAMPLE_KEYS)('%s connects only nodes it has, and every node is connected', (key) => {
		const example = readExample(key);
		const names = new Set(example.nodes.map((node) => node.name));
		expect(names.size).toBe(example.nodes.length);
		const connected = new Set(connectedNames(example));
		for (const name of connected) expect(names.has(name), name).toBe(true);
		for (const name of names) expect(connected.has(name), `${name} is not connected`).toBe(true);
	});

	it('are all explained in examples/README.md', () => {
		const readme = readFileSync(path.join(EXAMPLES_DIR, 'README.md'), 'utf8');
		for (const file of Object.values(EXAMPLES)) expect(readme).toContain(file);
	});
});
