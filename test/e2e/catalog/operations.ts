import type { INodeTypeDescription } from 'n8n-workflow';

export interface CatalogOperation {
	resource: string;
	operation: string;
	/** `resource.operation`, also the node's name in the catalog workflows. */
	id: string;
	/** 1: reads and creates; 2: delete / revoke / cancel on throwaway resources; 3: deletion status after them. */
	phase: 1 | 2 | 3 | 4;
}

/**
 * Every operation the node offers, read from its description (each `operation` property names
 * the resource it belongs to), so a renamed or new operation is covered without editing the test.
 */
export function catalogOperations(description: INodeTypeDescription): CatalogOperation[] {
	const seen = new Set<string>();
	const operations: CatalogOperation[] = [];
	for (const property of description.properties) {
		if (property.name !== 'operation') continue;
		for (const resource of (property.displayOptions?.show?.resource ?? []) as string[]) {
			for (const option of property.options ?? []) {
				const operation = String((option as { value: unknown }).value);
				const id = `${resource}.${operation}`;
				if (seen.has(id)) continue;
				seen.add(id);
				operations.push({ resource, operation, id, phase: phaseOf(operation) });
			}
		}
	}
	return operations;
}

function phaseOf(operation: string): 1 | 2 | 3 | 4 {
	// Waits for a run to finish: the emulator's clock must run, which phases 1-3 keep frozen.
	if (/^runAndGet/i.test(operation)) return 4;
	if (/deletion/i.test(operation)) return 3;
	if (/^(delete|revoke|cancel)/i.test(operation)) return 2;
	return 1;
}

/** The resource whose operations need a user-session (bearer) credential (docs/api/conventions.md#api-keys). */
export function needsBearer(operation: CatalogOperation): boolean {
	return /^apiKeys?$/i.test(operation.resource);
}
