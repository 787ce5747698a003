import type { ResourceDefinition } from '../resource';
import { remove } from './delete.operation';
import { list } from './list.operation';
import { upsert } from './upsert.operation';

export const markerResource: ResourceDefinition = {
	value: 'marker',
	name: 'Marker',
	description: 'Colour and note flags on prompts, prompt runs and extracted fields',
	operations: [upsert, remove, list],
};
