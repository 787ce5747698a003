import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationDefinition } from './operation';
import { actionWithAccess } from './tool-access';

export interface ResourceDefinition {
	value: string;
	name: string;
	description: string;
	operations: readonly OperationDefinition[];
}

/** The resource's Operation dropdown followed by every operation's parameters, each shown only for it. */
export function resourceProperties(resource: ResourceDefinition): INodeProperties[] {
	const operationSelector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: resource.operations.map((op): INodePropertyOptions => ({
			name: op.name,
			value: op.value,
			action: actionWithAccess(op),
			description: op.description,
		})),
		default: '',
	};
	// Set apart from the literal above: n8n's lint reads `default` only when it is a literal.
	operationSelector.default = resource.operations[0].value;
	const parameters = resource.operations.flatMap((op) =>
		op.properties.map((property) => scopeToOperation(property, resource.value, op.value)),
	);
	return [operationSelector, ...parameters];
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
