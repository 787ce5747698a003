/** Static checks of these resources' parameters: what n8n needs to render them and agents to choose them. */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { accountResource } from '../../../nodes/VideoVector/actions/account/Account.resource';
import { apiKeyResource } from '../../../nodes/VideoVector/actions/apiKey/ApiKey.resource';
import { chatSessionResource } from '../../../nodes/VideoVector/actions/chatSession/ChatSession.resource';
import { connectorResource } from '../../../nodes/VideoVector/actions/connector/Connector.resource';
import { importJobResource } from '../../../nodes/VideoVector/actions/importJob/ImportJob.resource';
import { markerResource } from '../../../nodes/VideoVector/actions/marker/Marker.resource';
import { processingEventResource } from '../../../nodes/VideoVector/actions/processingEvent/ProcessingEvent.resource';
import type { ResourceDefinition } from '../../../nodes/VideoVector/actions/resource';
import { webhookResource } from '../../../nodes/VideoVector/actions/webhook/Webhook.resource';
import { VideoVector } from '../../../nodes/VideoVector/VideoVector.node';

const THESE_RESOURCES: readonly ResourceDefinition[] = [
	accountResource,
	apiKeyResource,
	chatSessionResource,
	connectorResource,
	importJobResource,
	markerResource,
	processingEventResource,
	webhookResource,
];

function walk(
	properties: INodeProperties[],
	visit: (property: INodeProperties, path: string) => void,
	prefix = '',
): void {
	for (const property of properties) {
		const path = `${prefix}${property.name}`;
		visit(property, path);
		for (const option of (property.options ?? []) as Array<
			INodeProperties | INodePropertyOptions | INodePropertyCollection
		>) {
			if ('type' in option) walk([option], visit, `${path}.`);
			if ('values' in option) walk(option.values, visit, `${path}.${option.name}.`);
		}
	}
}

const operations = THESE_RESOURCES.flatMap((resource) =>
	resource.operations.map((operation) => ({ resource, operation })),
);

describe('Parameters of these resources', () => {
	it.each(
		operations.map(
			({ resource, operation }) => [`${resource.value}.${operation.value}`, operation] as const,
		),
	)(
		'%s: every parameter has a default that fits its type and options, and a description',
		(_name, operation) => {
			expect(operation.action.length).toBeGreaterThan(5);
			expect(operation.description.length).toBeGreaterThan(20);
			walk(operation.properties, (property, path) => {
				expect(property.default, path).not.toBeUndefined();
				if (
					property.type === 'options' &&
					property.options &&
					!property.typeOptions?.loadOptionsMethod
				) {
					const values = (property.options as INodePropertyOptions[]).map((option) => option.value);
					expect(values, path).toContain(property.default);
				}
				if (
					property.type === 'multiOptions' &&
					property.options &&
					!property.typeOptions?.loadOptionsMethod
				) {
					const values = (property.options as INodePropertyOptions[]).map((option) => option.value);
					for (const value of property.default as unknown[]) expect(values, path).toContain(value);
				}
				if (
					!['collection', 'fixedCollection', 'notice'].includes(property.type) &&
					property.displayName !== 'Return All' &&
					property.displayName !== 'Limit'
				) {
					expect(property.description, path).toBeTruthy();
				}
			});
		},
	);

	it('operations are listed alphabetically and every parameter name is unique within its operation', () => {
		for (const resource of THESE_RESOURCES) {
			const names = resource.operations.map((operation) => operation.name);
			expect(names, resource.value).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			for (const operation of resource.operations) {
				const top = operation.properties.map((property) => property.name);
				expect(new Set(top).size, `${resource.value}.${operation.value}`).toBe(top.length);
			}
		}
	});

	it('the node offers each resource and scopes its parameters to it', () => {
		const description = new VideoVector().description;
		const resourceOptions = (description.properties.find((p) => p.name === 'resource')?.options ??
			[]) as INodePropertyOptions[];
		for (const resource of THESE_RESOURCES) {
			expect(resourceOptions.map((option) => option.value)).toContain(resource.value);
			const scoped = description.properties.filter((p) =>
				p.displayOptions?.show?.resource?.includes(resource.value),
			);
			expect(scoped.length, resource.value).toBeGreaterThan(resource.operations.length > 1 ? 1 : 0);
		}
	});
});
