import type { ResourceDefinition } from '../resource';
import { create } from './create.operation';
import { remove } from './delete.operation';
import { get } from './get.operation';
import { getDeletion } from './getDeletion.operation';
import { list } from './list.operation';
import { listMedia } from './listMedia.operation';
import { listPromptRuns } from './listPromptRuns.operation';

export const indexResource: ResourceDefinition = {
	value: 'index',
	name: 'Index',
	description: 'Collections of media that are processed and searched together',
	operations: [create, remove, get, getDeletion, list, listMedia, listPromptRuns],
};
