import type { ResourceDefinition } from '../resource';
import { create } from './create.operation';
import { remove } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getDeletion } from './getDeletion.operation';
import { getPromptRuns } from './getPromptRuns.operation';

export const indexResource: ResourceDefinition = {
	value: 'index',
	name: 'Index',
	description: 'Collections of media that are processed and searched together',
	defaultOperation: getAll.value,
	operations: [create, remove, get, getDeletion, getAll, getPromptRuns],
};
