import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationDefinition } from './operation';
import { SIMPLIFIED_OUTPUTS } from './simplified-outputs';
import { simplifyProperties } from './simplify';
import { toolDescriptionProperty } from './tool-access';

export interface ResourceDefinition {
	value: string;
	name: string;
	description: string;
	/**
	 * The operation the resource opens on: the one most people come for (n8n would otherwise open on
	 * whatever sorts first, e.g. Cancel).
	 */
	defaultOperation: string;
	operations: readonly OperationDefinition[];
}

/** n8n lists operations alphabetically by name; sorting here keeps every resource file free of it. */
function byName(a: OperationDefinition, b: OperationDefinition): number {
	return a.name.localeCompare(b.name);
}

/** The resource's Operation dropdown followed by every operation's parameters, each shown only for it. */
export function resourceProperties(resource: ResourceDefinition): INodeProperties[] {
	const operationSelector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: [...resource.operations].sort(byName).map((op): INodePropertyOptions => ({
			name: op.name,
			value: op.value,
			action: op.action,
			description: op.description,
		})),
		default: '',
	};
	// Set apart from the literal above: n8n's lint reads `default` only when it is a literal.
	if (!resource.operations.some((op) => op.value === resource.defaultOperation))
		throw new Error(
			`${resource.name}: default operation "${resource.defaultOperation}" is not offered`,
		);
	operationSelector.default = resource.defaultOperation;
	const parameters = resource.operations.flatMap((op) =>
		[toolDescriptionProperty(op), ...withSimplify(resource.value, op)].map((property) =>
			scopeToOperation(property, resource.value, op.value),
		),
	);
	return [operationSelector, ...parameters];
}

/**
 * The operation's parameters, with Simplify (when its output has one) before its Options or
 * Filters collection, where n8n's own nodes put it.
 */
function withSimplify(resource: string, op: OperationDefinition): INodeProperties[] {
	if (!SIMPLIFIED_OUTPUTS[`${resource}.${op.value}`]) return op.properties;
	const collection = op.properties.findIndex((property) => property.type === 'collection');
	const at = collection === -1 ? op.properties.length : collection;
	return [...op.properties.slice(0, at), ...simplifyProperties, ...op.properties.slice(at)];
}

function scopeToOperation(
	property: INodeProperties,
	resource: string,
	operation: string,
): INodeProperties {
	const own = property.displayOptions ?? {};
	return {
		...property,
		displayOptions: {
			...own,
			show: { ...(own.show ?? {}), resource: [resource], operation: [operation] },
		},
	};
}

export function findOperation(
	resources: readonly ResourceDefinition[],
	resource: string,
	operation: string,
): OperationDefinition | undefined {
	return resources
		.find((r) => r.value === resource)
		?.operations.find((op) => op.value === operation);
}
