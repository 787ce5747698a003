import type { CredentialRef, WorkflowJson, WorkflowNode } from '../n8n/workflow-types';

/**
 * Turns an example file into the workflow one n8n instance runs: its credentials (by credential
 * type), the values of its "Settings" node (the one place a user edits), and — for tests only —
 * parameter overrides such as a shorter poll interval. Every name is checked, so a renamed node
 * or setting fails loudly instead of installing a half-configured workflow.
 */

export const SETTINGS_NODE = 'Settings';

export interface ExampleSetup {
	/** Credential per credential type, e.g. `{ n8nNodesVideoVectorApi: {id, name}, smtp: {id, name} }`. */
	credentials: Record<string, CredentialRef>;
	/** Values for the Settings node's fields. */
	settings?: Record<string, string | number>;
	/** Node name → parameters merged over the example's (top level only). */
	parameters?: Record<string, Record<string, unknown>>;
	/** Workflow name; defaults to the example's. */
	name?: string;
}

interface Assignment {
	name: string;
	value: unknown;
	type: string;
}

function assignCredentials(
	node: WorkflowNode,
	credentials: Record<string, CredentialRef>,
): WorkflowNode {
	if (!node.credentials) return node;
	const assigned: Record<string, CredentialRef> = {};
	for (const type of Object.keys(node.credentials)) {
		const credential = credentials[type];
		if (!credential)
			throw new Error(`node "${node.name}" needs a "${type}" credential, and none was given`);
		assigned[type] = { id: credential.id, name: credential.name };
	}
	return { ...node, credentials: assigned };
}

function fillSettings(node: WorkflowNode, values: Record<string, string | number>): WorkflowNode {
	const parameters = node.parameters as { assignments?: { assignments?: Assignment[] } };
	const assignments = parameters.assignments?.assignments ?? [];
	const known = new Set(assignments.map((assignment) => assignment.name));
	const unknown = Object.keys(values).filter((name) => !known.has(name));
	if (unknown.length > 0)
		throw new Error(
			`the Settings node has no field(s) ${unknown.join(', ')} (it has ${[...known].join(', ')})`,
		);
	const filled = assignments.map((assignment) =>
		assignment.name in values ? { ...assignment, value: values[assignment.name] } : assignment,
	);
	return {
		...node,
		parameters: {
			...node.parameters,
			assignments: { ...parameters.assignments, assignments: filled },
		},
	};
}

export function prepareExample(example: WorkflowJson, setup: ExampleSetup): WorkflowJson {
	const names = new Set(example.nodes.map((node) => node.name));
	for (const name of Object.keys(setup.parameters ?? {})) {
		if (!names.has(name))
			throw new Error(`example "${example.name}" has no node "${name}" to override`);
	}
	if (setup.settings && !names.has(SETTINGS_NODE))
		throw new Error(`example "${example.name}" has no ${SETTINGS_NODE} node`);
	const nodes = example.nodes.map((original) => {
		let node = assignCredentials(original, setup.credentials);
		if (node.name === SETTINGS_NODE && setup.settings) node = fillSettings(node, setup.settings);
		const overrides = setup.parameters?.[node.name];
		return overrides ? { ...node, parameters: { ...node.parameters, ...overrides } } : node;
	});
	return { ...example, name: setup.name ?? example.name, nodes };
}

/** The current value of a Settings field (to read defaults, e.g. for documentation checks). */
export function settingOf(example: WorkflowJson, name: string): unknown {
	const node = example.nodes.find((candidate) => candidate.name === SETTINGS_NODE);
	const assignments = (
		node?.parameters as { assignments?: { assignments?: Assignment[] } } | undefined
	)?.assignments?.assignments;
	return assignments?.find((assignment) => assignment.name === name)?.value;
}
