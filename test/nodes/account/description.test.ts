/** Static checks of these resources' parameters: what n8n needs to render them and agents to choose them. */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it, vi } from 'vitest';

import { VideoVector } from '../../../nodes/VideoVector/VideoVector.node';
import { THESE_RESOURCES } from './registered-resources';

vi.mock('../../../nodes/VideoVector/actions/resources', async (importOriginal) =>
	(await import('./registered-resources.js')).withTheseResources(await importOriginal()),
);

function walk(properties: INodeProperties[], visit: (property: INodeProperties, path: string) => void, prefix = ''): void {
	for (const property of properties) {
		const path = `${prefix}${property.name}`;
		visit(property, path);
		for (const option of (property.options ?? []) as Array<INodeProperties | INodePropertyOptions | INodePropertyCollection>) {
			if ('type' in option) walk([option], visit, `${path}.`);
			if ('values' in option) walk(option.values, visit, `${path}.${option.name}.`);
		}
	}
}

const operations = THESE_RESOURCES.flatMap((resource) => resource.operations.map((operation) => ({ resource, operation })));

describe('Parameters of these resources', () => {
	it.each(operations.map(({ resource, operation }) => [`${resource.value}.${operation.value}`, operation] as const))(
		'%s: every parameter has a default that fits its type and options, and a description',
		(_name, operation) => {
			expect(operation.action.length).toBeGreaterThan(5);
			expect(operation.description.length).toBeGreaterThan(20);
			walk(operation.properties, (property, path) => {
				expect(property.default, path).not.toBeUndefined();
				if (property.type === 'options' && property.options && !property.typeOptions?.loadOptionsMethod) {
					const values = (property.options as INodePropertyOptions[]).map((option) => option.value);
					expect(values, path).toContain(property.default);
				}
				if (property.type === 'multiOptions' && property.options && !property.typeOptions?.loadOptionsMethod) {
					const values = (property.options as INodePropertyOptions[]).map((option) => option.value);
					for (const value of property.default as unknown[]) expect(values, path).toContain(value);
				}
				if (!['collection', 'fixedCollection'].includes(property.type) && property.displayName !== 'Return All' && property.displayName !== 'Limit') {
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
		const resourceOptions = (description.properties.find((p) => p.name === 'resource')?.options ?? []) as INodePropertyOptions[];
		for (const resource of THESE_RESOURCES) {
			expect(resourceOptions.map((option) => option.value)).toContain(resource.value);
			const scoped = description.properties.filter((p) => p.displayOptions?.show?.resource?.includes(resource.value));
			expect(scoped.length, resource.value).toBeGreaterThan(resource.operations.length > 1 ? 1 : 0);
		}
	});
});
