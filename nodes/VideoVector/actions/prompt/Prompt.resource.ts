import type { ResourceDefinition } from '../resource';
import { create } from './create.operation';
import { remove } from './delete.operation';
import { generate } from './generate.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getUsage } from './getUsage.operation';
import { testSchema } from './testSchema.operation';
import { update } from './update.operation';

export const promptResource: ResourceDefinition = {
	value: 'prompt',
	name: 'Prompt',
	description: 'Instructions and JSON Schemas that define what prompt runs extract from media',
	defaultOperation: getAll.value,
	operations: [create, remove, generate, get, getAll, getUsage, testSchema, update],
};
