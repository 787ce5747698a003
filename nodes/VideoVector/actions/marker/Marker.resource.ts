import type { ResourceDefinition } from '../resource';
import { remove } from './delete.operation';
import { getAll } from './getAll.operation';
import { upsert } from './upsert.operation';

export const markerResource: ResourceDefinition = {
	value: 'marker',
	name: 'Marker',
	description: 'Colour and note flags on prompts, prompt runs and extracted fields',
	defaultOperation: upsert.value,
	operations: [upsert, remove, getAll],
};
