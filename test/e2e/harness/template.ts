import type { CredentialRef, WorkflowJson } from '../../../tools/n8n/workflow-types';

/**
 * Fills `@{name}` placeholders in every string of a workflow (`@{package}.videoVector`,
 * `@{credentialId}`, or any variable a test passes). The syntax cannot clash with n8n
 * expressions (`={{ … }}`) or JavaScript template literals in Code nodes. An unknown
 * placeholder is an error, so a typo fails the test instead of importing a broken workflow.
 */
export function fillTemplate<T>(value: T, vars: Record<string, string>): T {
	const fill = (input: unknown): unknown => {
		if (typeof input === 'string') {
			return input.replace(/@\{([A-Za-z0-9_]+)\}/g, (_whole, name: string) => {
				const replacement = vars[name];
				if (replacement === undefined) throw new Error(`workflow template uses unknown @{${name}}`);
				return replacement;
			});
		}
		if (Array.isArray(input)) return input.map(fill);
		if (input !== null && typeof input === 'object') {
			return Object.fromEntries(Object.entries(input).map(([key, inner]) => [key, fill(inner)]));
		}
		return input;
	};
	return fill(value) as T;
}

/**
 * Gives every node of this package that names no credential the stack's credential, so
 * fixtures need not spell it out.
 */
export function attachCredential(
	workflow: WorkflowJson,
	packageName: string,
	credentialType: string,
	credential: CredentialRef,
): WorkflowJson {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type.startsWith(`${packageName}.`) && !node.credentials
				? {
						...node,
						credentials: { [credentialType]: { id: credential.id, name: credential.name } },
					}
				: node,
		),
	};
}
