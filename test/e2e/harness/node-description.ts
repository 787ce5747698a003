import {
	type INodeParameters,
	type INodeProperties,
	type INodeTypeDescription,
	NodeHelpers,
} from 'n8n-workflow';

/**
 * The top-level parameters the editor shows for a node with `parameters` set (defaults filled
 * in, displayOptions applied), computed with n8n-workflow's own rules.
 */
export function visibleParameters(
	description: INodeTypeDescription,
	parameters: INodeParameters,
): INodeProperties[] {
	const node = {
		typeVersion: Array.isArray(description.version)
			? Math.max(...description.version)
			: description.version,
	};
	const values =
		NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			null,
			description,
		) ?? parameters;
	return description.properties.filter(
		(property) =>
			property.type !== 'hidden' &&
			property.type !== 'notice' &&
			NodeHelpers.displayParameter(values, property, node, description),
	);
}

/** The action labels the node panel lists for one resource (the `action` of each operation). */
export function resourceActions(description: INodeTypeDescription, resource: string): string[] {
	return description.properties
		.filter(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource),
		)
		.flatMap((property) => property.options ?? [])
		.map((option) => ('action' in option && typeof option.action === 'string' ? option.action : ''))
		.filter(Boolean);
}
